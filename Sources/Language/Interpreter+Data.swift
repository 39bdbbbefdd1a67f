import LabData
import TensorCore
import Rendering
import Training

/// The data verbs: load, split, tokenize, export.
extension Interpreter {
    func load(_ reference: DatasetReference, path: String, options: LoadOptions) throws {
        if session.models[reference.name] != nil {
            throw DataError.invalidRequest(reason: "'\(reference.name)' is already a model; choose another name")
        }
        if reference.split == nil, options == LoadOptions(), WordVectorFile.looksLikeVectors(path: path) {
            return try loadVectors(reference.name, from: path)
        }
        if session.wordVectors[reference.name] != nil {
            throw DataError.invalidRequest(reason: "'\(reference.name)' is already word vectors; choose another name")
        }
        if options.stream {
            guard reference.split == nil else {
                throw DataError.invalidRequest(reason: "stream=true reads a whole dataset (load \(reference.name) from \"…\" stream=true); "
                                               + "splits are loaded in memory")
            }
            if LibSVMChunks.isPattern(path) || (options.format ?? (try? DatasetReader.infer(path: path))) == .libsvm {
                let chunks = try LibSVMChunks(pattern: path, options: options)
                try replaceGroup(DatasetGroup(name: reference.name, chunks: chunks))
                var line = "\(reference.name): streaming \(NumberFormat.grouped(chunks.rows)) libsvm rows × "
                    + "\(NumberFormat.grouped(chunks.columnCount)) columns from \(Interpreter.count(chunks.paths.count, "file")) "
                    + "(\(path)), one chunk in memory at a time (\(chunks.mapping.text))"
                if chunks.drops.total > 0 || !chunks.drops.annotations.isEmpty { line += "\n" + chunks.drops.text.trimmingTrailingNewlines }
                console.print(line)
                reportKeptSplits(of: reference.name)
                return
            }
            let stream = try StreamingText(path: path, options: options)
            try replaceGroup(DatasetGroup(name: reference.name, stream: stream))
            noteDataFile(path, dataset: reference.name)
            console.print("\(reference.name): streaming \(stream.format.rawValue) from \(path); rows are read when describe, tokenize or train need them")
            reportKeptSplits(of: reference.name)
            return
        }
        let data = try DatasetReader.read(path: path, options: options)
        if let split = reference.split {
            // setSplit changes the group only once relabeling succeeded, so a failure leaves it as it was.
            let group = session.datasets[reference.name] ?? DatasetGroup(name: reference.name)
            try group.setSplit(split.rawValue, data)
            session.setDataset(group)
            noteDataFile(path, dataset: reference.name)
            console.print(loadReport(reference, path: path, data: data))
        } else {
            try replaceGroup(DatasetGroup(name: reference.name, whole: data))
            noteDataFile(path, dataset: reference.name)
            console.print(loadReport(reference, path: path, data: data))
            reportKeptSplits(of: reference.name)
        }
    }

    /// Puts `group` (a new whole or stream) in the session, keeping the splits the old group of that
    /// name had loaded from their own files: loading never deletes them.
    private func replaceGroup(_ group: DatasetGroup) throws {
        let old = session.datasets[group.name]
        session.setDataset(try old?.carryingLoadedSplits(into: group) ?? group)
    }

    /// `kept s.test (loaded before); tokenize s again`, after a new whole when loaded splits were carried over.
    private func reportKeptSplits(of name: String) {
        guard let group = session.datasets[name], !group.loadedSplits.isEmpty else { return }
        let kept = group.splits.filter { group.loadedSplits.contains($0.name) }.map { "\(name).\($0.name)" }
        console.print("kept \(kept.joined(separator: ", ")) (loaded before); tokenize \(name) before training on them")
    }

    private func loadReport(_ reference: DatasetReference, path: String, data: Dataset) -> String {
        var line = "\(reference): \(NumberFormat.grouped(data.count)) rows from \(path)"
        if data.labelMapping.kind != .unlabeled { line += " (\(data.labelMapping.text))" }
        if data.dropReport.total > 0 {
            line += "\n" + data.dropReport.text.trimmingTrailingNewlines
        } else if !data.dropReport.annotations.isEmpty {
            // Rows kept but adjusted, and choices such as ignored subfolders, are said even when nothing was dropped.
            line += "\n" + data.dropReport.annotations.joined(separator: "\n")
        }
        return line
    }

    /// `describe`: a streamed dataset is read in one pass; anything else is described in memory.
    func describe(_ reference: DatasetReference, at located: LocatedCommand) throws {
        if reference.split == nil, let stream = session.datasets[reference.name]?.stream {
            console.print(try DatasetDescription(stream: stream).text)
        } else if reference.split == nil, let chunks = session.datasets[reference.name]?.chunks {
            console.print(DatasetDescription(chunks: chunks).text)
        } else {
            console.print(DatasetDescription(try dataset(reference, at: located)).text)
        }
    }

    func split(_ name: String, fractions: SplitFractions, shuffle: Bool, at located: LocatedCommand) throws {
        guard let group = session.datasets[name] else {
            throw failure(.unknown("dataset", name, among: Array(session.datasets.keys)), at: located, pointingAt: name)
        }
        try group.split(train: fractions.train, val: fractions.val, test: fractions.test, shuffle: shuffle, using: &session.rng)
        console.print(group.splits.map {
            "\(name).\($0.name): \(NumberFormat.grouped($0.dataset.count)) rows" + (group.loadedSplits.contains($0.name) ? " (loaded, kept)" : "")
        }.joined(separator: ", "))
    }

    func tokenize(_ name: String, options: TokenizeOptions, at located: LocatedCommand) throws {
        guard let group = session.datasets[name] else {
            throw failure(.unknown("dataset", name, among: Array(session.datasets.keys)), at: located, pointingAt: name)
        }
        try group.tokenize(words: options.words, maxlen: options.maxLength, padding: options.padding,
                           truncating: options.truncating, oov: options.reservesOOV)
        guard let encoding = group.encoding else { return }
        let tokenizer = encoding.tokenizer
        let fittedOn = group.streamFit.map { "\(name) (streamed, \(NumberFormat.grouped($0.rows)) rows)" }
            ?? (group[split: "train"] != nil ? "\(name).train" : name)
        let kept = tokenizer.numWords.map { min($0 - 1, tokenizer.vocabularySize) } ?? tokenizer.vocabularySize
        console.print("\(name): fitted on \(fittedOn), \(NumberFormat.grouped(tokenizer.vocabularySize)) distinct words, "
                      + "ids 1…\(kept) kept, padded to \(encoding.maxlen)")
    }

    /// `tokenize NAME like MODEL`: the model's own tokenizer and padding, applied to every split.
    func tokenize(_ name: String, like modelName: String, at located: LocatedCommand) throws {
        guard let group = session.datasets[name] else {
            throw failure(.unknown("dataset", name, among: Array(session.datasets.keys)), at: located)
        }
        let m = try model(modelName, at: located)
        guard let encoding = m.textEncoding else {
            throw failure(.noTokenizer(model: modelName, dataset: name), at: located)
        }
        try group.tokenize(like: encoding)
        console.print("\(name): tokenized like \(modelName), \(encoding.options) (vocabulary \(encoding.fingerprint))")
    }

    /// How the group of `reference` tokenized its texts, nil when it has not (or holds arrays).
    func encoding(of reference: DatasetReference) -> TextEncoding? {
        session.datasets[reference.name]?.encoding
    }

    func export(_ name: String, path: String, chunks: Int?, at located: LocatedCommand) throws {
        if let m = session.models[name] {
            guard !m.history.epochs.isEmpty else { throw failure(.noHistoryToExport(name), at: located) }
            guard chunks == nil else { throw DataError.invalidRequest(reason: "chunks= cuts libsvm rows; a history is one CSV file") }
            try AtomicFile.write(HistoryCSV.render(m.history), to: path)
            noteFileWritten(path, role: "history csv", model: name)
        } else if session.datasets[name] != nil {
            try export(try dataset(DatasetReference(name: name), at: located), to: path, chunks: chunks)
            return
        } else {
            throw failure(.unknown("model or dataset", name, among: session.names), at: located, pointingAt: name)
        }
        console.print("wrote \(path)")
    }
}

extension Interpreter {
    /// Writes a dataset: libsvm rows to a `.svm` path (in `chunks` files when given), token ids as CSV otherwise.
    func export(_ data: Dataset, to path: String, chunks: Int?) throws {
        if LibSVMExport.isLibSVMPath(path) || chunks != nil {
            let written = try LibSVMExport.write(dataset: data, to: path, chunks: chunks)
            console.print(written.count == 1 ? "wrote \(path)"
                          : "wrote \(NumberFormat.grouped(data.count)) rows in \(written.count) files: \(written[0]) … \(written[written.count - 1])")
        } else {
            try TokenExport.write(dataset: data, to: path)
            console.print("wrote \(path)")
        }
    }

    /// `vectorize NAME counts|tfidf …`: fits on NAME.train (else NAME) and turns every split into sparse rows.
    func vectorize(_ name: String, options: VectorizerOptions, at located: LocatedCommand) throws {
        guard let group = session.datasets[name] else {
            throw failure(.unknown("dataset", name, among: Array(session.datasets.keys)), at: located, pointingAt: name)
        }
        try group.vectorize(options)
        guard let v = group.vectorizer else { return }
        let fittedOn = group[split: "train"] != nil ? "\(name).train" : name
        console.print("\(name): \(options.weighting.rawValue) fitted on \(fittedOn) (\(NumberFormat.grouped(v.documentCount)) texts), "
                      + "\(NumberFormat.grouped(v.columnCount)) columns, "
                      + "\(NumberFormat.grouped(group.all.reduce(0) { $0 + ($1.sparseInputs?.nonZeroCount ?? 0) })) non-zeros")
    }

    /// The vectorizer that made the rows of `reference`'s group, nil when it was not vectorized.
    func features(of reference: DatasetReference) -> TextVectorizer? { session.datasets[reference.name]?.vectorizer }
}

extension String {
    /// The string without trailing newlines.
    var trimmingTrailingNewlines: String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}

import LabData
import NeuralNet
import TensorCore

/// The word-vector verbs: word2vec, similar, loading and saving vector files, and `weights=` of an embedding.
extension Interpreter {
    func word2vec(_ name: String, on reference: DatasetReference, options: Word2VecOptions, at located: LocatedCommand) throws {
        try requireVectorsName(name, at: located)
        let data = try dataset(reference, at: located)
        guard let texts = data.texts else { throw failure(.needsTexts(reference: reference.description), at: located) }
        let started = clock()
        let result = try Word2Vec.train(texts: texts, options: options, seed: session.rng.next(),
                                        source: "word2vec on \(reference) \(options.text)")
        let seconds = max(clock() - started, 1e-9)
        session.setWordVectors(name, result.vectors, trainedOn: reference.name)
        let words = result.corpusWords * options.epochs
        console.print("\(name): \(Interpreter.count(result.vectors.count, "word")) × \(options.dimension) from \(reference) "
                      + "(\(NumberFormat.grouped(result.corpusWords)) words, \(NumberFormat.grouped(result.distinctWords)) distinct, "
                      + "\(options.skipGram ? "skip-gram" : "CBOW"), \(Interpreter.count(options.epochs, "epoch"))) "
                      + "in \(String(format: "%.2f", seconds))s, \(NumberFormat.grouped(Int(Double(words) / seconds))) words/s")
    }

    func similar(_ name: String, to word: String, count n: Int, at located: LocatedCommand) throws {
        let vectors = try wordVectors(name, at: located)
        guard let nearest = vectors.nearest(to: word, count: n) else {
            throw failure(.noVector(word: word, vectors: name, count: vectors.count), at: located, pointingAt: word)
        }
        let width = nearest.map(\.word.count).max() ?? 0
        console.print("\(name): nearest to \"\(word)\" by cosine similarity")
        for (w, similarity) in nearest {
            console.print("  " + w + String(repeating: " ", count: width + 2 - w.count) + String(format: "%.4f", similarity))
        }
    }

    func loadVectors(_ name: String, from path: String) throws {
        if session.models[name] != nil { throw DataError.invalidRequest(reason: "'\(name)' is already a model; choose another name") }
        if session.datasets[name] != nil { throw DataError.invalidRequest(reason: "'\(name)' is already a dataset; choose another name") }
        let (vectors, format) = try WordVectorFile.read(path: path)
        session.setWordVectors(name, vectors, trainedOn: nil)
        console.print("\(name): \(Interpreter.count(vectors.count, "word")) × \(vectors.dimension) from \(path) (\(format.rawValue))")
    }

    func saveVectors(_ name: String, to path: String) throws {
        let vectors = session.wordVectors[name]!
        try WordVectorFile.writeText(vectors, to: path)
        console.print("saved \(name) to \(path) (word2vec text, \(Interpreter.count(vectors.count, "word")) × \(vectors.dimension))")
    }

    /// The word-vector table called `name`.
    func wordVectors(_ name: String, at located: LocatedCommand) throws -> WordVectors {
        if let v = session.wordVectors[name] { return v }
        throw failure(.unknown("word vectors", name, among: Array(session.wordVectors.keys)), at: located, pointingAt: name)
    }

    private func requireVectorsName(_ name: String, at located: LocatedCommand) throws {
        if session.datasets[name] != nil { throw failure(.nameTaken(name: name, kind: "a dataset"), at: located, pointingAt: name) }
        if session.models[name] != nil { throw failure(.nameTaken(name: name, kind: "a model"), at: located, pointingAt: name) }
    }

    /// Gives each `weights=` embedding of `network` its rows: row i is the vector of the tokenizer's word i
    /// (the tokenizer of the dataset the vectors were trained on, else the session's one tokenized dataset).
    /// Rows without a vector, and row 0 (padding), keep the initializer. Returns one report line per embedding.
    func applyWordVectors(to network: Sequential, at located: LocatedCommand) throws -> [String] {
        var lines: [String] = []
        for (k, setup) in network.embeddingSetups.enumerated() {
            let layer = network.layers[setup.layer]
            guard let embedding = layer as? Embedding else { continue }
            let frozen = setup.trainable ? "" : ", frozen"
            guard let name = setup.vectors else {
                lines.append("\(layer.name): initializer rows\(frozen)")
                continue
            }
            let vectors = try wordVectors(name, at: located)
            guard vectors.dimension == embedding.outputDim else {
                throw failure(.vectorsDimension(vectors: name, dimension: vectors.dimension, outputDim: embedding.outputDim), at: located)
            }
            let tokenizer = try tokenizer(for: name, at: located)
            let words = tokenizer.wordsByIndex
            let kept = tokenizer.numWords.flatMap { $0 > 0 ? $0 : nil } ?? Int.max
            let usable = min(embedding.inputDim, kept, words.count + 1)
            var rows: [Int] = [], values: [Float] = []
            for row in 1..<max(usable, 1) {
                guard let r = vectors.row(of: words[row - 1]) else { continue }
                rows.append(row)
                values += vectors.values[(r * vectors.dimension)..<((r + 1) * vectors.dimension)]
            }
            embedding.initialRows = InitialRows(rows: rows, values: values)
            network.embeddingSetups[k].source = vectors.source
            network.embeddingSetups[k].covered = rows.count
            let wordRows = max(usable - 1, 0)
            let rest = embedding.inputDim - rows.count
            lines.append("\(layer.name): rows from \(name) for \(NumberFormat.grouped(rows.count)) of \(NumberFormat.grouped(wordRows)) words; "
                         + "\(Interpreter.count(rest, "row")) (0, padding, included) \(rest == 1 ? "keeps" : "keep") the uniform initializer\(frozen)")
        }
        return lines
    }

    private func tokenizer(for vectors: String, at located: LocatedCommand) throws -> Tokenizer {
        if let origin = session.vectorsDataset[vectors], let t = session.datasets[origin]?.encoding?.tokenizer { return t }
        let tokenized = session.names.filter { session.datasets[$0]?.encoding?.tokenizer != nil }
        guard tokenized.count == 1, let t = session.datasets[tokenized[0]]?.encoding?.tokenizer else {
            throw failure(.noTokenizerForVectors(vectors: vectors, candidates: tokenized), at: located)
        }
        return t
    }
}

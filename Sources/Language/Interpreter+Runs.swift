import Foundation
import NeuralNet
import Rendering
import RunStore
import TensorCore
import Training

/// The run store: recording `train`, `evaluate` and `report`, and the verbs that read it back.
extension Interpreter {
    /// The store runs are recorded in now, opened on first use; nil when recording is off, or
    /// when the file cannot be opened (a warning says so, once per path).
    func runStore() -> RunStore? {
        let path: String?
        switch session.store {
        case .off: path = nil
        case .path(let p): path = p
        case .automatic: path = session.defaultStorePath
        }
        guard let path else { return nil }
        if let open = session.openStore, open.path == path { return open.store }
        guard !session.failedStores.contains(path) else { return nil }
        do {
            let store = try RunStore(path: path)
            session.openStore = (path, store)
            return store
        } catch {
            session.failedStores.insert(path)
            console.print("warning: runs are not recorded: \(error)")
            return nil
        }
    }

    /// The store for a verb that reads it.
    private func requireStore(at located: LocatedCommand) throws -> RunStore {
        if case .off = session.store { throw failure(.storeOff, at: located) }
        if case .automatic = session.store, session.defaultStorePath == nil { throw failure(.storeOff, at: located) }
        guard let store = runStore() else { throw failure(.storeOff, at: located) }
        return store
    }

    /// Starts recording a run of `kind` for model `m` on the datasets of `data`.
    /// - Returns: nil when recording is off or the store failed (warned).
    func beginRun(_ kind: RunKind, model m: Model, data: [DatasetReference], settings: [(name: String, value: String)],
                  at located: LocatedCommand) -> RunRecording? {
        // A data-parallel run is recorded once, by process 0 (the others train the same history).
        guard session.communicator?.rank ?? 0 == 0, let store = runStore() else { return nil }
        let names = data.map(\.name).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let files = names.flatMap { session.dataFiles[$0] ?? [] }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let definition = (try? JSONEncoder().encode(m.network.definition)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let summary = (try? m.network.summaryRows()).map { SummaryText.render(rows: $0, modelName: m.name) } ?? ""
        let source = sourceText(of: located)
        let start = RunStart(kind: kind, model: m.name, data: data.map(\.description).joined(separator: ", "),
                             statement: source.statement, script: source.script, scriptPath: session.script?.path,
                             session: session.id, seed: session.seed, threads: Parallel.threads, labVersion: LabVersion.current,
                             cpu: CPUFeatures.modelName, blas: BLASRuntime.coreName, dataFiles: files.map(hash),
                             modelDefinition: definition, modelSummary: summary, parameters: m.network.parameterCount,
                             hyperparameters: settings, trainRun: kind == .train ? nil : session.modelRuns[m.name],
                             startedAt: Date())
        do {
            let id = try store.begin(start)
            if kind == .train { session.modelRuns[m.name] = id }
            return RunRecording(store: store, id: id, console: console)
        } catch {
            console.print("warning: this \(kind.rawValue) is not recorded: \(error)")
            return nil
        }
    }

    /// A run's settings: `defaults` the statement did not override, every `key=value` it gave (as written),
    /// then the model's compiled loss, optimizer (with its hyper-parameters) and metrics.
    func runSettings(_ located: LocatedCommand, defaults: [(String, String)], model m: Model) -> [(name: String, value: String)] {
        let tokens = located.tokens
        /// Whether token `j` is a key: a word right before `=`.
        func isKey(_ j: Int) -> Bool {
            guard case .word = tokens[j].kind, j + 1 < tokens.count else { return false }
            return tokens[j + 1].kind == .equals
        }
        var given: [(name: String, value: String)] = []
        var i = 1
        while i < tokens.count {
            guard isKey(i) else { i += 1; continue }
            var j = i + 2
            while j < tokens.count, !isKey(j) { j += 1 }
            given.append((tokens[i].text.lowercased(), tokens[(i + 2)..<j].map(\.text).joined()))
            i = j
        }
        var settings = defaults.filter { d in !given.contains { $0.name == d.0 } }.map { (name: $0.0, value: $0.1) } + given
        if let loss = m.network.loss { settings.append(("loss", loss.rawValue)) }
        if let optimizer = m.network.optimizer { settings.append(("optimizer", String(describing: optimizer.spec))) }
        settings.append(("metrics", m.metrics.map(\.key).joined(separator: ",")))
        return settings
    }

    /// Notes a file written from a model (`save`, `export`, `plot … to`) on its latest train run.
    func noteFileWritten(_ path: String, role: String, model: String) {
        guard let id = session.modelRuns[model], let store = runStore() else { return }
        try? store.addFile(run: id, path: path, role: role)
    }

    /// Notes that dataset `name` (or one of its splits) was read from `path`.
    func noteDataFile(_ path: String, dataset name: String) {
        if !(session.dataFiles[name] ?? []).contains(path) { session.dataFiles[name, default: []].append(path) }
    }

    /// The statement's text and the script (or prompt statements) that led to it.
    /// The statement that started a run and the script it belongs to; a script's text ends with
    /// the parameter values in force, so runs of one script with other values differ in their hash.
    private func sourceText(of located: LocatedCommand) -> (statement: String, script: String) {
        if let script = session.script {
            let text = script.text + (session.parameterValues.isEmpty ? ""
                : "# param values in force: " + session.parameterValues.joined(separator: " ") + "\n")
            if located.location.file == script.path, script.lines.indices.contains(located.location.line - 1) {
                return (script.lines[located.location.line - 1].trimmingCharacters(in: .whitespaces), text)
            }
            return (located.tokens.map(\.text).joined(separator: " "), text)
        }
        let statement = session.pendingSource.isEmpty ? located.tokens.map(\.text).joined(separator: " ")
                                                      : session.pendingSource.joined(separator: "\n")
        return (statement, (session.transcript + [statement]).joined(separator: "\n") + "\n")
    }

    /// A file's content hash, computed again only when its size or modification time changed.
    private func hash(_ path: String) -> DataFile {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
        let modified = attributes?[.modificationDate] as? Date ?? .distantPast
        var isFolder: ObjCBool = false
        let folder = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
        if !folder, let known = session.hashes[path], known.size == size, known.modified == modified { return known.file }
        let file = ContentHash.of(path: path)
        if !folder { session.hashes[path] = (size, modified, file) }
        return file
    }

    // MARK: Verbs

    func listRuns(model: String?, limit: Int, at located: LocatedCommand) throws {
        let store = try requireStore(at: located)
        console.write(RunText.list(try store.recent(model: model, limit: limit), storePath: store.path))
    }

    func showRun(_ id: Int64, at located: LocatedCommand) throws {
        console.write(RunText.detail(try requireStore(at: located).run(id)))
    }

    /// Stored train runs by id, in the order given.
    private func trainRuns(_ ids: [Int64], at located: LocatedCommand) throws -> [StoredRun] {
        let store = try requireStore(at: located)
        return try ids.map { id in
            let run = try store.run(id)
            guard run.kind == .train else { throw failure(.notATrainRun(id: id, kind: run.kind.rawValue), at: located) }
            return run
        }
    }

    func compareRuns(_ ids: [Int64], at located: LocatedCommand) throws {
        console.write(CompareTable.render(try trainRuns(ids, at: located).map(RunText.compareRow)))
    }

    func plotRuns(_ ids: [Int64], series keys: [HistoryKey], to path: String?, at located: LocatedCommand) throws {
        var series: [ChartSeries] = []
        for run in try trainRuns(ids, at: located) {
            let history = History(epochs: run.epochs)
            for key in keys {
                guard !history.series(key.description).isEmpty else {
                    throw failure(.missingRunColumn(id: run.id, column: key.description, columns: history.keys), at: located)
                }
                series.append(ChartSeries(name: ids.count > 1 ? "run \(run.id) \(key)" : key.description, history: history,
                                          key: key.description))
            }
        }
        if let path {
            try AtomicFile.write(SVGChart.render(series, title: ids.map { "run \($0)" }.joined(separator: ", "),
                                                 yTitle: keys.map(\.description).joined(separator: ", ")), to: path)
            console.print("wrote \(path)")
        } else {
            console.write(TerminalChart.render(series, colors: console.isTerminal))
        }
    }

    func serve(host: String, port: Int, at located: LocatedCommand) throws {
        let store = try requireStore(at: located)
        guard let start = session.startServer else { throw failure(.serveUnavailable, at: located) }
        let address = try start(store, host, port)
        console.print("serving \(store.path) at http://\(address)/ (the session goes on; quit ends it)")
    }

    func exportRun(_ id: Int64, to path: String, at located: LocatedCommand) throws {
        let run = try trainRuns([id], at: located)[0]
        try AtomicFile.write(HistoryCSV.render(History(epochs: run.epochs)), to: path)
        console.print("wrote \(path)")
    }
}

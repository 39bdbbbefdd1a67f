import DataParallel
import Foundation
import LabData
import NeuralNet
import Rendering
import RunStore
import TensorCore
import Training

/// The training and results verbs: train, evaluate, predict, plot, expect.
extension Interpreter {
    func train(_ name: String, options: TrainOptions, at located: LocatedCommand) throws {
        let m = try model(name, at: located)
        let given = try options.validation.map { try dataset($0, at: located) }
        let input = try TrainingInput.make(group: session.datasets[options.data.name], split: options.data.split?.rawValue,
                                           named: options.data.description, model: name,
                                           hasEncoding: m.textEncoding != nil || m.textFeatures != nil,
                                           validationSplit: options.validationSplit, needsAllLabels: options.classWeight == .balanced) {
            try dataset(options.data, at: located)
        }
        let validation = input.heldOut ?? given
        // A model goes on reading ids as it learned them: data tokenized otherwise is refused.
        let encoding = encoding(of: options.data)
        try Trainer.checkVocabulary(m, encoding, named: options.data.description)
        if let reference = options.validation {
            try Trainer.checkVocabulary(m, self.encoding(of: reference), named: reference.description, expected: encoding)
        }
        // Likewise a model goes on reading features with the vectorizer it learned them from.
        let features = features(of: options.data)
        try Trainer.checkFeatures(m, features, named: options.data.description)
        if let reference = options.validation {
            try Trainer.checkFeatures(m, self.features(of: reference), named: reference.description, expected: features)
        }
        if let encoding { m.textEncoding = encoding; m.textFeatures = nil }
        if let features { m.textFeatures = features; m.textEncoding = nil }
        if [.binary, .classes].contains(input.mapping.kind) { m.classNames = input.mapping.classNames }
        var fit = options.fit
        switch options.classWeight {
        case .balanced?: fit.classWeights = ClassWeights.balanced(labels: input.labels ?? [])
        case .given(let weights)?:
            // In memory every label is known now, so a missing class fails before any weight changes.
            try input.labels.map { try weights.check(labels: $0) }
            fit.classWeights = weights
        case nil: break
        }
        let validationName = options.validation?.description
            ?? (options.validationSplit.map { "the last \($0) of \(options.data.description)" } ?? "")
        var reporter = ProgressReporter(isTerminal: console.isTerminal, write: console.write)
        let clock = self.clock
        let outcome: FitOutcome
        let board = try options.tensorboard.map { folder in
            do {
                return try TensorBoardWriter(folder: folder, wallTime: Date().timeIntervalSince1970)
            } catch {
                throw failure(.cannotWrite(path: folder, reason: Interpreter.describe(error)), at: located, pointingAt: folder)
            }
        }
        var recording: RunRecording?
        var boardFailure: Error?
        defer { if let boardFailure { console.print("warning: TensorBoard file not written from then on: \(boardFailure)") } }
        if let communicator = session.communicator {
            console.print(Interpreter.dataParallelLine(processes: communicator.size, batch: fit.batchSize,
                                                       chunkFiles: (input.batches as? ChunkedBatches)?.chunks.paths.count,
                                                       byteRanges: (input.batches as? StreamedBatches)?.splitsByBytes == true))
        }
        do {
            outcome = try Trainer.fit(m, batches: input.batches, trainName: options.data.description, validation: validation,
                                      validationName: validationName, options: fit, communicator: session.communicator,
                                      clock: clock) { event in
                switch event {
                case let .epochStarted(epoch, last, resumedAt):
                    if recording == nil {
                        let data = [options.data] + (options.validation.map { [$0] } ?? [])
                        recording = beginRun(.train, model: m, data: data,
                                             settings: runSettings(located, defaults: [("epochs", String(options.fit.epochs)),
                                                                                       ("batch", String(options.fit.batchSize))], model: m),
                                             at: located)
                        for (path, role) in [(options.fit.checkpoint, "checkpoint"), (options.fit.log, "log"), (board?.path, "tensorboard")] {
                            if let path { recording?.wrote(path, role: role) }
                        }
                    }
                    reporter.epochStarted(epoch, of: last, now: clock(), resumedAt: resumedAt)
                case let .batchFinished(seen, total, running):
                    reporter.batchFinished(seen: seen, total: total, metrics: running, now: clock())
                case let .epochFinished(record, total):
                    let train = record.values.filter { !$0.isValidation }
                    let val = record.values.filter(\.isValidation).map { MetricValue(String($0.name.dropFirst(4)), $0.value) }
                    reporter.epochFinished(total: total, metrics: train, validation: val, seconds: record.seconds ?? 0)
                    recording?.epoch(record)
                    if let board, boardFailure == nil {
                        let rate = record.value(of: "lr") ?? m.network.optimizer?.learningRate
                        let scalars = record.values.filter { $0.name != "lr" }.map { ($0.name, $0.value) } + (rate.map { [("lr", $0)] } ?? [])
                        do {
                            try board.write(step: record.epoch, wallTime: Date().timeIntervalSince1970, scalars: scalars)
                        } catch {
                            boardFailure = error
                        }
                    }
                case let .interrupted(epoch, seen, total):
                    reporter.epochInterrupted(epoch: epoch, seen: seen, total: total)
                case let .stoppedEarly(epoch, best, restored, monitor):
                    console.print("early stopping after epoch \(epoch): \(monitor) has not improved since epoch \(best)"
                                  + (restored ? "; restored the weights of epoch \(best)" : ""))
                case let .learningRateReduced(epoch, rate):
                    console.print("reduced the learning rate to \(rate) after epoch \(epoch): "
                                  + "\(fit.monitor.column) has not improved for \(Interpreter.count(fit.reducePatience, "epoch"))")
                case .checkpointSaved:
                    break
                }
            }
        } catch let error as ModelError {
            recording?.finish(.failed)
            throw failure(.cannotTrain(model: name, data: options.data.description, reason: error.description), at: located)
        } catch {
            recording?.finish(.failed)
            throw error
        }
        if case .interrupted = outcome { recording?.finish(.interrupted) } else { recording?.finish(.finished) }
        if case .interrupted(let epoch) = outcome {
            let kept = m.history.epochs.count
            let stopped = InterpreterError.interrupted(model: name, epoch: epoch, keptEpochs: kept)
            if !session.isInteractive { throw failure(stopped, at: located) }
            console.print(stopped.message)
        }
    }

    func evaluate(_ name: String, on reference: DatasetReference, batchSize: Int, at located: LocatedCommand) throws {
        let m = try model(name, at: located)
        let data = try dataset(reference, at: located)
        let recording = beginRun(.evaluate, model: m, data: [reference],
                                 settings: runSettings(located, defaults: [("batch", String(batchSize))], model: m), at: located)
        let result: TestResult
        do {
            result = try Evaluator.evaluate(m, on: data, named: reference.description,
                                            encodedWith: encoding(of: reference), vectorizedWith: features(of: reference),
                                            batchSize: batchSize, interrupt: .shared, communicator: session.communicator)
        } catch {
            recording?.finish(.failed)
            throw error
        }
        let values = [MetricValue("loss", result.loss)] + result.metrics
        recording?.results(values)
        recording?.finish(.finished)
        console.print(values.map { "\($0.name): \(KerasFormat.metric($0.value))" }.joined(separator: " - "))
    }

    /// The line a data-parallel `train` starts with: `data-parallel: 2 processes (MPI), global batch 64, 32 per process`.
    /// A batch that does not divide gives its processes ⌈B/N⌉ or ⌊B/N⌋ rows (`33 or 32 per process`).
    /// Over chunk files each process reads its own: `…, 10 chunk files: 5 per process`; over one
    /// streamed file its own byte range: `…, the file in 2 byte ranges`.
    static func dataParallelLine(processes n: Int, batch: Int, chunkFiles: Int? = nil, byteRanges: Bool = false) -> String {
        let low = batch / n, high = (batch + n - 1) / n
        let files = chunkFiles.map { k in
            ", \(k) chunk files: " + (k / n == (k + n - 1) / n ? "\(k / n)" : "\((k + n - 1) / n) or \(k / n)") + " per process"
        } ?? ""
        return "data-parallel: \(n) process\(n == 1 ? "" : "es") (MPI), global batch \(batch), "
            + (low == high ? "\(low)" : "\(high) or \(low)") + " per process" + files
            + (byteRanges ? ", the file in \(n) byte ranges" : "")
    }

    func predict(_ name: String, text: String, at located: LocatedCommand) throws {
        let m = try model(name, at: located)
        let p = try Evaluator.predict(m, texts: [text])
        let row = Array(UnsafeBufferPointer(start: p.data, count: p.count))
        console.print(Interpreter.describePrediction(row, of: m))
    }

    /// `0.9731 positive` for one sigmoid output; `positive (negative 0.0900, positive 0.9100)` for softmax.
    static func describePrediction(_ row: [Float], of model: Model) -> String {
        let best = model.className(Model.predictedClass(row))
        if row.count == 1 { return "\(KerasFormat.metric(row[0])) \(best)" }
        let all = row.indices.map { "\(model.className($0)) \(String(format: "%.4f", row[$0]))" }.joined(separator: ", ")
        return "\(best) (\(all))"
    }

    func plot(_ names: [String], series keys: [HistoryKey], to path: String?, at located: LocatedCommand) throws {
        var series: [ChartSeries] = []
        for name in names {
            let m = try model(name, at: located)
            for key in keys {
                guard !m.history.series(key.description).isEmpty else {
                    throw failure(.missingHistoryColumn(model: name, column: key.description, isValidation: key.isValidation,
                                                        untrained: m.history.epochs.isEmpty), at: located)
                }
                series.append(ChartSeries(name: names.count > 1 ? "\(name) \(key)" : key.description, history: m.history, key: key.description))
            }
        }
        let title = names.joined(separator: ", ")
        if let path {
            try AtomicFile.write(SVGChart.render(series, title: title, yTitle: keys.map(\.description).joined(separator: ", ")), to: path)
            for name in names { noteFileWritten(path, role: "chart", model: name) }
            console.print("wrote \(path)")
        } else {
            console.write(TerminalChart.render(series, colors: console.isTerminal))
        }
    }

    func check(_ expectation: Expectation, at located: LocatedCommand) throws {
        let m = try model(expectation.model, at: located)
        let key = expectation.key.description
        let value: Float?
        switch expectation.qualifier {
        case .last:
            value = m.history.last(key)
        case .best:
            let values = m.history.series(key).map(\.value).filter { !$0.isNaN }
            switch expectation.key.quantity {
            case .loss, .learningRate: value = values.min()
            case .metric: value = values.max()
            }
        case .test:
            guard !expectation.key.isValidation else { throw failure(.testColumnWithValPrefix(key), at: located) }
            guard let test = m.history.test else { throw failure(.notEvaluated(model: m.name), at: located) }
            guard test.isCurrent else {
                throw failure(.staleTestResult(model: m.name, label: test.label), at: located)
            }
            value = test.value(of: key)
        }
        let what = "\(m.name) \(expectation.qualifier == .last ? "" : "\(expectation.qualifier.rawValue) ")\(key)"
        guard let value else { throw failure(.noValueYet(subject: what), at: located) }
        let shown = KerasFormat.metric(value)
        guard expectation.comparison.holds(Double(value), expectation.bound) else {
            throw failure(.expectationFailed(subject: what, shown: shown, comparison: expectation.comparison.rawValue,
                                             bound: expectation.bound), at: located)
        }
        console.print("ok: \(what) = \(shown) \(expectation.comparison.rawValue) \(expectation.bound)")
    }
}

/// CSV quoting for a field (RFC 4180: quote when it holds a comma, quote or line break).
enum CSVField {
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
import LabData
import Rendering
import RunStore
import TensorCore
import Training

/// The verbs that look at a model's predictions over a split: report, plot … roc, predict … on.
extension Interpreter {
    /// A model's outputs over a split with each row's true class.
    struct SplitPredictions {
        let model: Model
        let data: Dataset
        /// Output columns: 1 for a sigmoid model, one per class for softmax.
        let width: Int
        /// N × width outputs, row-major.
        let outputs: [Float]
        /// Each row's true class index, nil when the dataset is not labelled with the model's classes.
        let trueClasses: [Int]?

        func row(_ i: Int) -> [Float] { Array(outputs[i * width..<(i + 1) * width]) }
        var predictedClasses: [Int] { (0..<data.count).map { Model.predictedClass(row($0)) } }
        var classCount: Int { width == 1 ? 2 : width }
    }

    func predictions(_ name: String, on reference: DatasetReference, batchSize: Int, at located: LocatedCommand) throws -> SplitPredictions {
        let m = try model(name, at: located)
        let data = try dataset(reference, at: located)
        let inputs = try Trainer.checkedInputs(m, data, named: reference.description, encodedWith: encoding(of: reference),
                                               vectorizedWith: features(of: reference))
        let p = try Evaluator.predict(m.network, inputs: inputs, batchSize: batchSize, interrupt: .shared)
        let width = p.count / max(data.count, 1)
        let outputs = Array(UnsafeBufferPointer(start: p.data, count: p.count))
        let targets = Array(UnsafeBufferPointer(start: data.targets.data, count: data.targets.count))
        let mapping = data.labelMapping
        var trueClasses: [Int]?
        // A binary split's 0/1 targets are class indices for a two-way softmax too.
        if width <= 2, mapping.kind == .binary {
            trueClasses = targets.map { $0 > 0.5 ? 1 : 0 }
        } else if width > 1, mapping.kind == .classes, mapping.classNames.count == width {
            trueClasses = targets.map { Int($0) }
        }
        return SplitPredictions(model: m, data: data, width: width, outputs: outputs, trueClasses: trueClasses)
    }

    /// The true classes, or a failure saying why the split cannot be scored against this model.
    private func requireClasses(_ p: SplitPredictions, _ reference: DatasetReference, at located: LocatedCommand) throws -> [Int] {
        guard let classes = p.trueClasses else {
            let labels = p.data.labelMapping.kind == .unlabeled ? nil : p.data.labelMapping.text
            throw failure(.labelsDoNotMatch(reference: reference.description, labels: labels, model: p.model.name, classes: p.classCount),
                          at: located)
        }
        return classes
    }

    func report(_ name: String, on reference: DatasetReference, batchSize: Int, at located: LocatedCommand) throws {
        let m = try model(name, at: located)
        let recording = beginRun(.report, model: m, data: [reference],
                                 settings: runSettings(located, defaults: [("batch", String(batchSize))], model: m), at: located)
        let p: SplitPredictions, classes: [Int]
        do {
            p = try predictions(name, on: reference, batchSize: batchSize, at: located)
            classes = try requireClasses(p, reference, at: located)
        } catch {
            recording?.finish(.failed)
            throw error
        }
        let report = ClassificationReport(trueClasses: classes, predictedClasses: p.predictedClasses, classCount: p.classCount)
        let classNames = (0..<p.classCount).map(p.model.className)
        console.write(ClassificationReportText.render(report, classNames: classNames))
        recording?.results(Interpreter.reportValues(report, classNames: classNames))
        if p.width == 1, !p.outputs.contains(where: \.isNaN), let curve = ROCCurve(predictions: p.outputs, targets: classes.map(Float.init)) {
            recording?.roc(curve)
        }
        recording?.finish(.finished)
    }

    /// A report as result rows: `accuracy`, then per class `precision[NAME]`, `recall[…]`, `f1[…]`, `support[…]`,
    /// then `confusion[TRUE,PREDICTED]` counts.
    static func reportValues(_ report: ClassificationReport, classNames: [String]) -> [MetricValue] {
        var values = [MetricValue("accuracy", Float(report.accuracy))]
        for (c, scores) in report.classes.enumerated() {
            let n = classNames[c]
            values += [MetricValue("precision[\(n)]", Float(scores.precision)), MetricValue("recall[\(n)]", Float(scores.recall)),
                       MetricValue("f1[\(n)]", Float(scores.f1)), MetricValue("support[\(n)]", Float(scores.support))]
        }
        for (t, row) in report.confusion.enumerated() {
            for (p, count) in row.enumerated() { values.append(MetricValue("confusion[\(classNames[t]),\(classNames[p])]", Float(count))) }
        }
        return values
    }

    func plotROC(_ name: String, on reference: DatasetReference, to path: String?, at located: LocatedCommand) throws {
        let p = try predictions(name, on: reference, batchSize: FitOptions.defaultBatchSize, at: located)
        guard p.width == 1 else { throw failure(.needsBinaryModel(form: "plot … roc", model: name, outputs: p.width), at: located) }
        let classes = try requireClasses(p, reference, at: located)
        guard !p.outputs.contains(where: \.isNaN) else { throw failure(.predictsNaN(model: name, reference: reference.description), at: located) }
        guard let curve = ROCCurve(predictions: p.outputs, targets: classes.map(Float.init)) else {
            throw failure(.oneClassOnly(reference: reference.description), at: located)
        }
        if let path {
            try AtomicFile.write(ROCChart.svg(curve, model: name, data: reference.description), to: path)
            console.print("wrote \(path)")
        } else {
            console.write(ROCChart.terminal(curve, model: name, data: reference.description, colors: console.isTerminal))
        }
    }

    func predict(_ name: String, on reference: DatasetReference, to path: String?, top: Int?, batchSize: Int,
                 at located: LocatedCommand) throws {
        let p = try predictions(name, on: reference, batchSize: batchSize, at: located)
        if let top {
            guard p.width == 1 else { throw failure(.needsBinaryModel(form: "top=", model: name, outputs: p.width), at: located) }
            console.write(PredictionListing.render(top: top, probabilities: p.outputs, texts: p.data.texts,
                                                   labels: (0..<p.data.count).map { label(p, $0) }))
        }
        guard let path else { return }
        let m = p.model
        let header = p.width == 1 ? "probability" : (0..<p.width).map { CSVField.escape(m.className($0)) }.joined(separator: ",")
        var csv = "index,text,label,predicted,\(header)\n"
        for i in 0..<p.data.count {
            let row = p.row(i)
            let text = CSVField.escape(p.data.texts?[i] ?? "")
            csv += "\(i),\(text),\(CSVField.escape(label(p, i))),\(CSVField.escape(m.className(Model.predictedClass(row)))),"
                + row.map { "\($0)" }.joined(separator: ",") + "\n"
        }
        try AtomicFile.write(csv, to: path)
        console.print("wrote \(Interpreter.count(p.data.count, "prediction")) to \(path)")
    }

    /// A row's true label: its class name when the split is labelled with the model's classes, else the raw label.
    private func label(_ p: SplitPredictions, _ i: Int) -> String {
        p.trueClasses.map { p.model.className($0[i]) } ?? p.data.labels[i]
    }
}

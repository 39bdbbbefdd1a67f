import LabData

extension Trainer {
    /// Keras `validation_split`: the last `fraction` of the rows validate, the rows before train,
    /// cut before any shuffling at `Int(N · (1 − fraction))` as Keras cuts.
    /// - Throws: `TrainingError.invalidOption` when either part would be empty.
    public static func validationSplit(_ data: Dataset, named name: String,
                                       fraction: Double) throws -> (train: Dataset, validation: Dataset) {
        let n = data.count
        let cut = Int(Double(n) * (1 - fraction))
        guard cut > 0, cut < n else {
            throw TrainingError.invalidOption("validation_split=\(fraction) leaves \(cut == 0 ? "no training" : "no validation") rows "
                                              + "of the \(n) in \(name)")
        }
        return (data.subset(Array(0..<cut), source: data.source), data.subset(Array(cut..<n), source: data.source))
    }
}

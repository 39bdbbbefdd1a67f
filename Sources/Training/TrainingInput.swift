import LabData

/// The data of one `train` call, ready for `Trainer.fit`: the dataset hands out the batch
/// source that fits what was asked (its stream or chunk files read batch by batch, or its rows
/// in memory), so
/// the policy lives here and the interpreter only names the data.
public struct TrainingInput {
    /// Where the epochs' mini-batches come from.
    public let batches: any BatchSource
    /// How the raw labels became targets.
    public let mapping: LabelMapping
    /// Every training label, for class weights; nil for a stream, whose labels pass by once per epoch.
    public let labels: [Int]?
    /// The rows `validation_split` held out from the end of the data, or nil.
    public let heldOut: Dataset?

    /// The input of `train MODEL on NAME[.split]`.
    /// - Parameters:
    ///   - group: the dataset group NAME names, if any.
    ///   - split: the split named after the dot, nil for the bare name.
    ///   - name: the data as the statement wrote it, for messages.
    ///   - model: the model's name, and whether it carries an encoding or vectorizer (`hasEncoding`),
    ///     so that a message about untokenized data can point at `tokenize NAME like MODEL`.
    ///   - validationSplit: `validation_split=`, nil for none.
    ///   - needsAllLabels: whether the options need every label before training (`class_weight=balanced`).
    ///   - rows: the in-memory dataset the reference names, resolved by the caller with its own errors.
    /// - Throws: `TrainingError.notTokenized`, `.needsRowsInMemory`, `.empty`, or what `rows` throws.
    public static func make(group: DatasetGroup?, split: String?, named name: String, model: String, hasEncoding: Bool,
                            validationSplit: Double?, needsAllLabels: Bool,
                            rows: () throws -> Dataset) throws -> TrainingInput {
        if split == nil, let group, let stream = group.stream {
            return try streamed(group, stream, named: name, model: model, hasEncoding: hasEncoding,
                                validationSplit: validationSplit, needsAllLabels: needsAllLabels)
        }
        if split == nil, let group, let chunks = group.chunks {
            try refuseWhatNeedsEveryRow(named: name, validationSplit: validationSplit, needsAllLabels: needsAllLabels)
            return TrainingInput(batches: ChunkedBatches(chunks), mapping: chunks.mapping, labels: nil, heldOut: nil)
        }
        var data = try rows()
        if data.inputs == nil, data.sparseInputs == nil, data.isText, hasEncoding {
            throw TrainingError.notTokenized(dataset: name, model: model)
        }
        var heldOut: Dataset?
        if let validationSplit {
            (data, heldOut) = try Trainer.validationSplit(data, named: name, fraction: validationSplit)
        }
        return TrainingInput(batches: try InMemoryBatches(data, named: name), mapping: data.labelMapping,
                             labels: ClassWeights.labels(of: data.targets), heldOut: heldOut)
    }

    /// A streamed group's file, tokenized and padded batch by batch with the group's encoding.
    private static func streamed(_ group: DatasetGroup, _ stream: StreamingText, named name: String, model: String,
                                 hasEncoding: Bool, validationSplit: Double?, needsAllLabels: Bool) throws -> TrainingInput {
        guard let fit = group.streamFit, let encoding = group.encoding else {
            throw TrainingError.notTokenized(dataset: name, model: hasEncoding ? model : nil)
        }
        try refuseWhatNeedsEveryRow(named: name, validationSplit: validationSplit, needsAllLabels: needsAllLabels)
        return TrainingInput(batches: StreamedBatches(stream: stream, encoding: encoding, mapping: fit.mapping, rows: fit.rows),
                             mapping: fit.mapping, labels: nil, heldOut: nil)
    }

    /// A file read batch by batch cannot hold out its last rows nor count every label first.
    private static func refuseWhatNeedsEveryRow(named name: String, validationSplit: Double?, needsAllLabels: Bool) throws {
        if validationSplit != nil { throw TrainingError.needsRowsInMemory(option: "validation_split", dataset: name) }
        if needsAllLabels { throw TrainingError.needsRowsInMemory(option: "class_weight=balanced", dataset: name) }
    }
}

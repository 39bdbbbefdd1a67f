/// The small model many language tests train: the 1,000 Amazon phone sentences, 500 words,
/// an 8-unit LSTM; seconds to train, so process and store tests can run real sessions.
enum SentenceScript {
    /// Nine statements, `seed 3` to `end` (defining `s.train`, `s.val` and model `m`), each on
    /// its own line and ending with a newline; diagnostics of a line after them say line 10.
    /// - Parameter root: the folder `data/` is read from, "" for the working directory.
    static func setup(root: String = "") -> String {
        """
        seed 3
        load s from "\(root.isEmpty ? "" : root + "/")data/sentences/amazon_cells_labelled.txt"
        split s train=0.8 val=0.2
        tokenize s words=500 maxlen=20
        model m
          embedding 500 8
          lstm 8
          dense 1 sigmoid
        end

        """
    }
}

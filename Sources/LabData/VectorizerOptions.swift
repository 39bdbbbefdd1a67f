/// What `vectorize NAME counts|tfidf …` asks for: scikit-learn's `CountVectorizer` / `TfidfVectorizer` parameters.
///
/// Defaults are scikit-learn's: lower-casing, unigrams, `min_df=1`, `max_df=1.0`, no
/// `max_features`, counts not binary; for tf-idf also `smooth_idf=True`, `sublinear_tf=False`,
/// `norm='l2'`. The token pattern is fixed at scikit-learn's `(?u)\b\w\w+\b`.
public struct VectorizerOptions: Codable, Equatable, Sendable {
    /// Raw term counts (`CountVectorizer`) or tf-idf (`TfidfVectorizer`).
    public enum Weighting: String, Codable, CaseIterable, Sendable { case counts, tfidf }

    /// How each tf-idf row is scaled: to unit Euclidean length, unit sum of magnitudes, or not at all.
    public enum Norm: String, Codable, CaseIterable, Sendable { case l1, l2, none }

    /// A document-frequency bound: an absolute number of documents (`min_df=2`) or a
    /// proportion of them (`max_df=0.9`), as scikit-learn tells an int from a float.
    public enum DocumentBound: Codable, Equatable, Sendable, CustomStringConvertible {
        case documents(Int)
        case proportion(Double)

        /// The bound in documents for a corpus of `n` documents (scikit-learn: `max_df * n_doc` for a proportion).
        public func documents(of n: Int) -> Double {
            switch self {
            case .documents(let d): Double(d)
            case .proportion(let p): p * Double(n)
            }
        }

        /// As written: `2` or `0.9`.
        public var description: String {
            switch self {
            case .documents(let d): String(d)
            case .proportion(let p): String(p)
            }
        }
    }

    public var weighting: Weighting
    /// Keep the `maxFeatures` terms with the largest total counts (`max_features`, lab's `words=`); nil keeps all.
    public var maxFeatures: Int?
    /// The shortest n-gram, in words (`ngram_range[0]`).
    public var ngramMin: Int
    /// The longest n-gram, in words (`ngram_range[1]`).
    public var ngramMax: Int
    /// Drop terms in fewer documents than this (`min_df`).
    public var minDF: DocumentBound
    /// Drop terms in more documents than this (`max_df`).
    public var maxDF: DocumentBound
    /// Count each term at most once per document (`binary`).
    public var binary: Bool
    /// Lower-case texts before finding tokens (`lowercase`).
    public var lowercase: Bool
    /// Replace a term's count c by 1 + ln c (tf-idf only, `sublinear_tf`).
    public var sublinearTF: Bool
    /// Add one document containing every term before computing idf (tf-idf only, `smooth_idf`).
    public var smoothIDF: Bool
    /// Row normalisation (tf-idf only, `norm`).
    public var norm: Norm

    public init(weighting: Weighting, maxFeatures: Int? = nil, ngramMin: Int = 1, ngramMax: Int = 1,
                minDF: DocumentBound = .documents(1), maxDF: DocumentBound = .proportion(1.0), binary: Bool = false,
                lowercase: Bool = true, sublinearTF: Bool = false, smoothIDF: Bool = true, norm: Norm = .l2) {
        self.weighting = weighting
        self.maxFeatures = maxFeatures
        self.ngramMin = ngramMin
        self.ngramMax = ngramMax
        self.minDF = minDF
        self.maxDF = maxDF
        self.binary = binary
        self.lowercase = lowercase
        self.sublinearTF = sublinearTF
        self.smoothIDF = smoothIDF
        self.norm = norm
    }

    /// The options as `vectorize` takes them, defaults left out: `tfidf words=20000 ngrams=1,2`.
    public var text: String {
        var parts = [weighting.rawValue]
        if let maxFeatures { parts.append("words=\(maxFeatures)") }
        if ngramMin != 1 || ngramMax != 1 { parts.append("ngrams=\(ngramMin),\(ngramMax)") }
        if minDF != .documents(1) { parts.append("min_df=\(minDF)") }
        if maxDF != .proportion(1.0) { parts.append("max_df=\(maxDF)") }
        if binary { parts.append("binary=true") }
        if !lowercase { parts.append("lowercase=false") }
        if weighting == .tfidf {
            if sublinearTF { parts.append("sublinear_tf=true") }
            if !smoothIDF { parts.append("smooth_idf=false") }
            if norm != .l2 { parts.append("norm=\(norm.rawValue)") }
        }
        return parts.joined(separator: " ")
    }
}

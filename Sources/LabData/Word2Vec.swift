import Foundation
import TensorCore

/// Trains word vectors with gensim's `Word2Vec` semantics: CBOW (context mean) or
/// skip-gram, negative sampling from unigram counts^0.75, gensim's frequent-word
/// subsampling, reduced windows, and a learning rate falling linearly over all words.
/// Skip-gram differs in one point: the context words of a window share one draw of
/// noise words and the window's updates are computed from the rows as they were
/// (Ji et al. 2016, "Parallelizing Word2Vec in Shared and Distributed Memory"), where
/// gensim draws noise words for each context word and updates pair after pair.
///
/// Words are the dataset's words as lab's tokenizer splits them (Keras
/// `text_to_word_sequence`), one text per sentence; the vocabulary is every word
/// seen `minCount` times, most frequent first (ties in first-appearance order, as gensim).
///
/// Determinism: gensim's worker threads update shared arrays without locks
/// (Hogwild), so its vectors change from run to run. Here the corpus is cut into
/// jobs of about 40,000 words (4× gensim's `batch_words`), by the corpus alone; each
/// job has its own random stream (seed, epoch, job); `replicas` consecutive jobs
/// form a round, each trained on its own replica of the weights (rows copied
/// from the shared arrays on first touch), and after the round the replicas'
/// changes are added to the shared arrays in replica order. Threads only take
/// replicas in turn, so the same seed gives the same bits at any thread count.
/// A replica sees the other replicas' updates of the same round only at the
/// merge (one job, about 40,000 words, late), where gensim's threads see them
/// at random moments. The learning rate steps down job by job, as gensim's does.
public enum Word2Vec {
    /// Replicas trained side by side in a round: the two cores of the machines lab targets (`Parallel.maxBlocks`),
    /// fixed, so results do not depend on the thread count.
    public static let replicas = Parallel.maxBlocks
    /// Raw words (out-of-vocabulary ones included) per job: 4× gensim's `batch_words`, since each round ends in a
    /// merge whose cost grows with the rows the round touched, which grows more slowly than the job (CBOW on all
    /// bundled text: 30% less CPU time than jobs of 10,000; the same WordSim-353 quality, see README).
    static let jobWords = 40_000

    /// Trained vectors and what the run saw.
    public struct Result: Sendable {
        /// One vector per vocabulary word, most frequent first.
        public var vectors: WordVectors
        /// Words in the corpus per epoch, out-of-vocabulary ones included (gensim's raw words).
        public var corpusWords: Int
        /// Distinct words in the corpus.
        public var distinctWords: Int
        /// Words trained on over all epochs after subsampling (gensim's effective words).
        public var trainedWords: Int
    }

    /// Trains on `texts`, one sentence each.
    /// - Parameters:
    ///   - seed: the run's random seed (weights and every job's stream).
    ///   - source: provenance kept with the vectors.
    /// - Throws: `DataError.invalidRequest` when no word appears `minCount` times; `MemoryError` when the
    ///   tables (vocabulary × dimension, six copies) cannot fit in memory.
    public static func train(texts: [String], options: Word2VecOptions, seed: UInt64, source: String) throws -> Result {
        try train(texts: texts, options: options, seed: seed, source: source, fused: true)
    }

    /// `train`, with `fused: false` running every pair through the row-by-row loop (for tests: the same bits).
    static func train(texts: [String], options: Word2VecOptions, seed: UInt64, source: String, fused: Bool) throws -> Result {
        var tokenizer = Tokenizer()
        tokenizer.fit(on: texts)
        let counts = tokenizer.countsByIndex
        let vocabularySize = counts.prefix { $0 >= options.minCount }.count
        guard vocabularySize > 0 else {
            throw DataError.invalidRequest(reason: "no word appears min_count=\(options.minCount) times in \(source); lower min_count")
        }
        let corpus = Corpus(sequences: tokenizer.sequences(for: texts), vocabularySize: vocabularySize)
        let keepChance = subsamplingThresholds(counts: Array(counts.prefix(vocabularySize)), sample: options.sample)
        let noise = NoiseSampler(counts: Array(counts.prefix(vocabularySize)))
        let d = options.dimension
        // The shared input and output tables and each replica's copies of both.
        try MemoryBudget.require(MemoryBudget.floatBytes(CheckedSize.product([2 * (1 + replicas), vocabularySize, d])),
                                 for: "word2vec tables of \(vocabularySize) words × \(d)")
        let shared = Weights(rows: vocabularySize, dimension: d)
        var rng = RandomGenerator(seed: seed)
        for i in 0..<(vocabularySize * d) { shared.input[i] = (rng.uniform() - 0.5) / Float(d) }
        let jobSeed = rng.next()
        let workers = (0..<replicas).map { _ in
            Replica(shared: shared, options: options, keepChance: keepChance, noise: noise, fused: fused)
        }
        let jobs = corpus.jobs()
        var trained = 0
        for epoch in 0..<options.epochs {
            for first in stride(from: 0, to: jobs.count, by: replicas) {
                let round = jobs[first..<min(first + replicas, jobs.count)]
                Parallel.forPieces(round.count) { r in
                    let job = round[first + r]
                    let progress = (Double(epoch) + Double(job.wordsBefore) / Double(max(corpus.rawWords, 1))) / Double(options.epochs)
                    let alpha = max(options.minAlpha, options.alpha - (options.alpha - options.minAlpha) * progress)
                    workers[r].train(corpus, sentences: job.sentences, alpha: Float(alpha),
                                     seed: mix(jobSeed, UInt64(epoch), UInt64(first + r)))
                }
                shared.merge(workers.prefix(round.count))
            }
        }
        for w in workers { trained += w.trainedWords }
        let words = Array(tokenizer.wordsByIndex.prefix(vocabularySize))
        let vectors = try WordVectors(words: words, dimension: d, values: Array(UnsafeBufferPointer(start: shared.input, count: vocabularySize * d)),
                                      source: source)
        return Result(vectors: vectors, corpusWords: corpus.rawWords, distinctWords: counts.count, trainedWords: trained)
    }

    /// gensim's `sample_int` of each word, as a chance out of 2³² of keeping it (`prepare_vocab`):
    /// with t = sample × (retained words), p = (√(count / t) + 1) · t / count, capped at 1.
    static func subsamplingThresholds(counts: [Int], sample: Double) -> [UInt64] {
        let retained = Double(counts.reduce(0, +))
        let threshold = sample <= 0 ? retained : (sample < 1 ? sample * retained : Double(Int(sample * (3 + 5.0.squareRoot()) / 2)))
        return counts.map { c in
            let v = Double(c)
            let p = min(1, ((v / threshold).squareRoot() + 1) * (threshold / v))
            return UInt64((p * 0x1p32).rounded())
        }
    }

    /// A job's seed from the run's seed, the epoch and the job (SplitMix64 finalizer).
    static func mix(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        var z = a &+ (b &* 0x9E37_79B9_7F4A_7C15) &+ (c &* 0xBF58_476D_1CE4_E5B9)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The corpus as vocabulary rows, sentence by sentence (out-of-vocabulary words dropped, as gensim does).
struct Corpus {
    /// Every sentence's in-vocabulary words, concatenated (0-based vocabulary rows).
    let tokens: [Int32]
    /// Sentence k is `tokens[ends[k]..<ends[k + 1]]`.
    let ends: [Int]
    /// Each sentence's raw word count (out-of-vocabulary words included).
    let rawLengths: [Int]
    /// Raw words per epoch.
    let rawWords: Int

    init(sequences: [[Int32]], vocabularySize: Int) {
        var tokens: [Int32] = [], ends = [0], raw: [Int] = []
        tokens.reserveCapacity(sequences.reduce(0) { $0 + $1.count })
        for s in sequences {
            for id in s where Int(id) <= vocabularySize { tokens.append(id - 1) }
            ends.append(tokens.count)
            raw.append(s.count)
        }
        self.tokens = tokens
        self.ends = ends
        rawLengths = raw
        rawWords = raw.reduce(0, +)
    }

    /// Consecutive sentences of at least `Word2Vec.jobWords` raw words each (the last may be shorter).
    func jobs() -> [(sentences: Range<Int>, wordsBefore: Int)] {
        var jobs: [(Range<Int>, Int)] = []
        var start = 0, words = 0, before = 0
        for k in 0..<rawLengths.count {
            words += rawLengths[k]
            if words >= Word2Vec.jobWords || k == rawLengths.count - 1 {
                jobs.append((start..<(k + 1), before))
                before += words
                start = k + 1
                words = 0
            }
        }
        return jobs
    }
}

/// The shared input vectors (the result, gensim `wv.vectors`) and output vectors (gensim `syn1neg`).
final class Weights: @unchecked Sendable {
    let rows: Int
    let dimension: Int
    let input: UnsafeMutablePointer<Float>
    let output: UnsafeMutablePointer<Float>

    init(rows: Int, dimension: Int) {
        self.rows = rows
        self.dimension = dimension
        input = .allocate(capacity: rows * dimension)
        output = .allocate(capacity: rows * dimension)
        output.initialize(repeating: 0, count: rows * dimension)
    }

    deinit {
        input.deallocate()
        output.deallocate()
    }

    /// Adds each replica's change of the round to the shared rows, in replica order for every row
    /// (a row one replica touched becomes its copy), then starts the replicas' next round. Only the rows some
    /// replica touched are visited.
    func merge(_ replicas: ArraySlice<Replica>) {
        Self.merge(into: input, copies: replicas.map(\.input), has: replicas.map(\.hasInput),
                   touched: replicas.map { UnsafeBufferPointer(start: $0.touchedInputs, count: $0.touchedInputCount) }, rows: rows, dimension)
        Self.merge(into: output, copies: replicas.map(\.output), has: replicas.map(\.hasOutput),
                   touched: replicas.map { UnsafeBufferPointer(start: $0.touchedOutputs, count: $0.touchedOutputCount) }, rows: rows, dimension)
        for replica in replicas { replica.startRound() }
    }

    /// One table's merge: `copies[r]` holds row w where `has[r][w]`; `touched[r]` lists those rows.
    private static func merge(into table: UnsafeMutablePointer<Float>, copies: [UnsafeMutablePointer<Float>],
                              has: [UnsafeMutablePointer<Bool>], touched: [UnsafeBufferPointer<Int32>], rows: Int, _ d: Int) {
        // Every touched row once, in memory order (the copies then stream through the caches' prefetchers): from
        // the lists when they are short, else from a scan of the flags (a few rounds touch much of a small vocabulary).
        var union: [Int32] = []
        if touched.reduce(0, { $0 + $1.count }) * 8 < rows {
            for (r, list) in touched.enumerated() {
                for w in list where !(0..<r).contains(where: { has[$0][Int(w)] }) { union.append(w) }
            }
            union.sort()
        } else {
            for w in 0..<rows where has.contains(where: { $0[w] }) { union.append(Int32(w)) }
        }
        Parallel.forRanges(union.count, grain: 256) { owned in
            let base = UnsafeMutablePointer<Float>.allocate(capacity: d)
            defer { base.deallocate() }
            for t in owned {
                let w = Int(union[t])
                var first = true
                for r in copies.indices where has[r][w] {
                    let alone = first && !(r + 1..<copies.count).contains { has[$0][w] }
                    add(copies[r] + w * d, into: table + w * d, base: alone ? nil : base, d, isFirst: first)
                    first = false
                }
            }
        }
    }

    /// The first replica's copy replaces `row` (saved in `base` unless nil: no later replica changed it); each later one
    /// adds its change, copy − base.
    @inline(__always) private static func add(_ copy: UnsafeMutablePointer<Float>, into row: UnsafeMutablePointer<Float>,
                                              base: UnsafeMutablePointer<Float>?, _ d: Int, isFirst: Bool) {
        if isFirst {
            base?.update(from: row, count: d)
            row.update(from: copy, count: d)
        } else {
            for i in 0..<d { row[i] += copy[i] - base![i] }
        }
    }
}

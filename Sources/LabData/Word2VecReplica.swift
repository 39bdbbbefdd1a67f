import Foundation
import TensorCore

// The noise sampler and sigmoid table live beside the training loop: LabData is compiled file by file
// (see Package.swift), and calls across files are not inlined (draw() alone cost 7% of the time).

/// One replica of the word2vec weights: trains one job of a round on its own
/// copy of the rows it touches (copied from the shared arrays on first touch).
///
/// The inner loops are gensim's `fast_sentence_sg_neg` and `fast_sentence_cbow_neg`
/// (word2vec_inner.pyx): a sigmoid table of 1000 steps over ±6, pairs whose
/// score falls outside ±6 skipped, the noise word equal to the target skipped.
final class Replica: @unchecked Sendable {
    private let shared: Weights
    private let options: Word2VecOptions
    private let keepChance: [UInt64]
    private let noise: NoiseSampler
    private let d: Int
    /// This replica's input and output rows (valid where touched this round).
    let input: UnsafeMutablePointer<Float>
    let output: UnsafeMutablePointer<Float>
    /// Whether row k is this round's copy (its input / output row).
    let hasInput: UnsafeMutablePointer<Bool>
    let hasOutput: UnsafeMutablePointer<Bool>
    /// Words trained on after subsampling, over every job so far.
    private(set) var trainedWords = 0
    private let hidden: UnsafeMutablePointer<Float>
    private let error: UnsafeMutablePointer<Float>
    private var sentence: [Int32] = []
    private let negative: Int
    private let sigmoid: UnsafeMutablePointer<Float>

    init(shared: Weights, options: Word2VecOptions, keepChance: [UInt64], noise: NoiseSampler) {
        self.shared = shared
        self.options = options
        self.keepChance = keepChance
        self.noise = noise
        d = shared.dimension
        negative = options.negative
        let n = shared.rows * d
        input = .allocate(capacity: n)
        output = .allocate(capacity: n)
        hasInput = .allocate(capacity: shared.rows)
        hasInput.initialize(repeating: false, count: shared.rows)
        hasOutput = .allocate(capacity: shared.rows)
        hasOutput.initialize(repeating: false, count: shared.rows)
        hidden = .allocate(capacity: d)
        error = .allocate(capacity: d)
        sigmoid = .allocate(capacity: SigmoidTable.table.count)
        sigmoid.initialize(from: SigmoidTable.table, count: SigmoidTable.table.count)
    }

    deinit {
        input.deallocate(); output.deallocate(); hasInput.deallocate(); hasOutput.deallocate()
        hidden.deallocate(); error.deallocate(); sigmoid.deallocate()
    }

    // MARK: Rows

    @inline(__always) private func inputRow(_ w: Int32) -> UnsafeMutablePointer<Float> {
        let k = Int(w), p = input + k * d
        if !hasInput[k] {
            hasInput[k] = true
            Self.copy(shared.input + k * d, p, d)
        }
        return p
    }

    @inline(__always) private func outputRow(_ w: Int) -> UnsafeMutablePointer<Float> {
        let p = output + w * d
        if !hasOutput[w] {
            hasOutput[w] = true
            Self.copy(shared.output + w * d, p, d)
        }
        return p
    }

    /// Forgets the round's rows.
    func startRound() {
        hasInput.update(repeating: false, count: shared.rows)
        hasOutput.update(repeating: false, count: shared.rows)
    }

    // MARK: Training

    /// gensim's generator: a 48-bit linear congruential step; `next32` returns the 32 bits above the low 16.
    private struct Random {
        var state: UInt64

        @inline(__always) mutating func next32() -> UInt32 {
            let value = UInt32(truncatingIfNeeded: state >> 16)
            state = (state &* 25_214_903_917 &+ 11) & 0xFFFF_FFFF_FFFF
            return value
        }
    }

    /// Trains the sentences of one job at learning rate `alpha`, drawing from a stream seeded by `seed`.
    func train(_ corpus: Corpus, sentences: Range<Int>, alpha: Float, seed: UInt64) {
        var random = Random(state: seed & 0xFFFF_FFFF_FFFF)
        let window = options.window, skipGram = options.skipGram, subsamples = options.sample > 0
        let longest = sentences.map { corpus.ends[$0 + 1] - corpus.ends[$0] }.max() ?? 0
        if sentence.count < longest { sentence = [Int32](repeating: 0, count: longest) }
        var trained = 0
        keepChance.withUnsafeBufferPointer { keep in
        corpus.tokens.withUnsafeBufferPointer { tokens in
        sentence.withUnsafeMutableBufferPointer { kept in
            for s in sentences {
                var n = 0
                for k in corpus.ends[s]..<corpus.ends[s + 1] {
                    let w = tokens[k]
                    if subsamples && keep[Int(w)] < UInt64(random.next32()) { continue }
                    kept[n] = w
                    n += 1
                }
                trained += n
                for i in 0..<n {
                    let b = Int(random.next32() % UInt32(window))
                    let lo = max(0, i - window + b), hi = min(n, i + window + 1 - b)
                    if skipGram {
                        for j in lo..<hi where j != i {
                            skipGramPair(predict: Int(kept[i]), from: kept[j], alpha: alpha, &random)
                        }
                    } else {
                        cbow(i, lo..<hi, kept.baseAddress!, alpha: alpha, &random)
                    }
                }
            }
        }
        }
        }
        trainedWords += trained
    }

    /// The context word's input vector predicts `target` against `negative` noise words.
    @inline(__always) private func skipGramPair(predict target: Int, from context: Int32, alpha: Float, _ random: inout Random) {
        let l1 = inputRow(context)
        error.update(repeating: 0, count: d)
        negativeSampling(target: target, hidden: l1, alpha: alpha, &random)
        Self.axpy(1, error, l1, d)
    }

    /// The mean of the context's input vectors predicts the word at `i`; every context word gets the error.
    @inline(__always) private func cbow(_ i: Int, _ context: Range<Int>, _ sentence: UnsafeMutablePointer<Int32>, alpha: Float,
                                        _ random: inout Random) {
        let count = context.count - 1
        guard count > 0 else { return }
        hidden.update(repeating: 0, count: d)
        for j in context where j != i { Self.axpy(1, inputRow(sentence[j]), hidden, d) }
        Self.scale(hidden, 1 / Float(count), d)
        error.update(repeating: 0, count: d)
        negativeSampling(target: Int(sentence[i]), hidden: hidden, alpha: alpha, &random)
        for j in context where j != i { Self.axpy(1, error, inputRow(sentence[j]), d) }
    }

    /// One positive and `negative` noise targets for `hidden`: updates their output rows, accumulates `error`.
    @inline(__always) private func negativeSampling(target: Int, hidden h: UnsafeMutablePointer<Float>, alpha: Float,
                                                    _ random: inout Random) {
        for k in 0...negative {
            let word: Int, label: Float
            if k == 0 {
                word = target
                label = 1
            } else {
                word = noise.draw(random.next32(), random.next32())
                if word == target { continue }
                label = 0
            }
            let row = outputRow(word)
            let score = Self.dot(h, row, d)
            if score <= -SigmoidTable.limit || score >= SigmoidTable.limit { continue }
            let g = (label - sigmoid[SigmoidTable.index(score)]) * alpha
            Self.axpy(g, row, error, d)
            Self.axpy(g, h, row, d)
        }
    }

    // MARK: Kernels (8 lanes: one AVX2 register)

    private typealias Lanes = SIMD8<Float>

    @inline(__always) private static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
        var a = Lanes(repeating: 0), b = Lanes(repeating: 0)
        var i = 0
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        while i + 16 <= n {
            a.addProduct(rx.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self), ry.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            b.addProduct(rx.loadUnaligned(fromByteOffset: i * 4 + 32, as: Lanes.self), ry.loadUnaligned(fromByteOffset: i * 4 + 32, as: Lanes.self))
            i += 16
        }
        if i + 8 <= n {
            a.addProduct(rx.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self), ry.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            i += 8
        }
        var s = (a + b).sum()
        while i < n { s += x[i] * y[i]; i += 1 }
        return s
    }

    /// y += alpha · x.
    @inline(__always) private static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        let g = Lanes(repeating: alpha)
        while i + 8 <= n {
            var v = ry.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self)
            v.addProduct(g, rx.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            ry.storeBytes(of: v, toByteOffset: i * 4, as: Lanes.self)
            i += 8
        }
        while i < n { y[i] += alpha * x[i]; i += 1 }
    }

    /// y = x, without a call to memmove for a few hundred bytes.
    @inline(__always) private static func copy(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        while i + 8 <= n {
            ry.storeBytes(of: rx.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self), toByteOffset: i * 4, as: Lanes.self)
            i += 8
        }
        while i < n { y[i] = x[i]; i += 1 }
    }

    @inline(__always) private static func scale(_ x: UnsafeMutablePointer<Float>, _ alpha: Float, _ n: Int) {
        for i in 0..<n { x[i] *= alpha }
    }
}

/// gensim's `EXP_TABLE`: the logistic function at 1000 points over [−6, 6).
enum SigmoidTable {
    static let limit: Float = 6
    static let size = 1000
    static let table: [Float] = (0..<size).map { i in
        let e = Foundation.exp((Float(i) / Float(size) * 2 - 1) * limit)
        return e / (e + 1)
    }

    /// The entry of σ(x) for −6 < x < 6.
    @inline(__always) static func index(_ x: Float) -> Int { min(size - 1, Int((x + limit) * (Float(size) / limit / 2))) }
}

/// Draws noise words for negative sampling from unigram counts raised to 0.75, in O(1)
/// per draw (Walker's alias method).
///
/// gensim draws from the same distribution by bisecting a cumulative table of
/// `count^0.75` (its `cum_table`); the alias table gives each word the same
/// probability up to float rounding without the O(log V) search per draw.
final class NoiseSampler: @unchecked Sendable {
    /// For bucket k: the chance of keeping k (scaled to 2³²), else `alias[k]`.
    private let keep: UnsafeMutablePointer<UInt32>
    private let alias: UnsafeMutablePointer<Int32>
    private let count: Int

    /// A sampler over words 0..<counts.count with weights `counts[i]^power`.
    init(counts: [Int], power: Double = 0.75) {
        let n = counts.count
        let weights = counts.map { Double($0) == 0 ? 0 : pow(Double($0), power) }
        let total = weights.reduce(0, +)
        var scaled = weights.map { $0 * Double(n) / total }
        var keep = [UInt32](repeating: UInt32.max, count: n)
        var alias = [Int32](repeating: 0, count: n)
        for i in 0..<n { alias[i] = Int32(i) }
        var small: [Int] = [], large: [Int] = []
        for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast() {
            guard let l = large.last else { break }
            keep[s] = UInt32(min(scaled[s] * 0x1p32, Double(UInt32.max)))
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { large.removeLast(); small.append(l) }
        }
        count = n
        self.keep = .allocate(capacity: n)
        self.keep.initialize(from: keep, count: n)
        self.alias = .allocate(capacity: n)
        self.alias.initialize(from: alias, count: n)
    }

    deinit {
        keep.deallocate()
        alias.deallocate()
    }

    /// One word, from two 32-bit random numbers.
    @inline(__always) func draw(_ bucketBits: UInt32, _ keepBits: UInt32) -> Int {
        let k = Int((UInt64(bucketBits) &* UInt64(count)) >> 32)
        return keepBits < keep[k] ? k : Int(alias[k])
    }
}

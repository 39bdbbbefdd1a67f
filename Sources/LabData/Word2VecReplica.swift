import Foundation
import TensorCore

/// One replica of the word2vec weights: trains the jobs of a round on its own
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
    /// This replica's input and output rows (valid where touched this round; after `turnIntoChanges`, the changes).
    let input: UnsafeMutablePointer<Float>
    let output: UnsafeMutablePointer<Float>
    private let hasInput: UnsafeMutablePointer<Bool>
    private let hasOutput: UnsafeMutablePointer<Bool>
    /// Rows touched this round, in order of first touch.
    private(set) var touchedInput: [Int32] = []
    private(set) var touchedOutput: [Int32] = []
    /// Words trained on after subsampling, over every job so far.
    private(set) var trainedWords = 0
    private let hidden: UnsafeMutablePointer<Float>
    private let error: UnsafeMutablePointer<Float>
    private var sentence: [Int32] = []
    private var random: UInt64 = 0
    private let sigmoid: UnsafeMutablePointer<Float>

    init(shared: Weights, options: Word2VecOptions, keepChance: [UInt64], noise: NoiseSampler) {
        self.shared = shared
        self.options = options
        self.keepChance = keepChance
        self.noise = noise
        d = shared.dimension
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
            p.update(from: shared.input + k * d, count: d)
            touchedInput.append(w)
        }
        return p
    }

    @inline(__always) private func outputRow(_ w: Int) -> UnsafeMutablePointer<Float> {
        let p = output + w * d
        if !hasOutput[w] {
            hasOutput[w] = true
            p.update(from: shared.output + w * d, count: d)
            touchedOutput.append(Int32(w))
        }
        return p
    }

    /// Replaces every touched row by its change since the round began (the shared arrays are unchanged during a round).
    func turnIntoChanges() {
        for w in touchedInput {
            let p = input + Int(w) * d
            Kernels.zip(p, shared.input + Int(w) * d, p, d) { $0 - $1 }
        }
        for w in touchedOutput {
            let p = output + Int(w) * d
            Kernels.zip(p, shared.output + Int(w) * d, p, d) { $0 - $1 }
        }
    }

    /// Forgets the round's rows.
    func startRound() {
        for w in touchedInput { hasInput[Int(w)] = false }
        for w in touchedOutput { hasOutput[Int(w)] = false }
        touchedInput.removeAll(keepingCapacity: true)
        touchedOutput.removeAll(keepingCapacity: true)
    }

    // MARK: Training

    /// gensim's generator: a 48-bit linear congruential step; returns the 32 bits above the low 16.
    @inline(__always) private func next32() -> UInt32 {
        let value = UInt32(truncatingIfNeeded: random >> 16)
        random = (random &* 25_214_903_917 &+ 11) & 0xFFFF_FFFF_FFFF
        return value
    }

    /// Trains the sentences of one job at learning rate `alpha`, drawing from a stream seeded by `seed`.
    func train(_ corpus: Corpus, sentences: Range<Int>, alpha: Float, seed: UInt64) {
        random = seed & 0xFFFF_FFFF_FFFF
        let window = options.window
        for s in sentences {
            sentence.removeAll(keepingCapacity: true)
            for k in corpus.ends[s]..<corpus.ends[s + 1] {
                let w = corpus.tokens[k]
                if options.sample > 0 && keepChance[Int(w)] < UInt64(next32()) { continue }
                sentence.append(w)
            }
            trainedWords += sentence.count
            let n = sentence.count
            for i in 0..<n {
                let b = Int(next32() % UInt32(window))
                let lo = max(0, i - window + b), hi = min(n, i + window + 1 - b)
                if options.skipGram {
                    for j in lo..<hi where j != i { skipGramPair(predict: Int(sentence[i]), from: sentence[j], alpha: alpha) }
                } else {
                    cbow(i, lo..<hi, alpha: alpha)
                }
            }
        }
    }

    /// The context word's input vector predicts `target` against `negative` noise words.
    @inline(__always) private func skipGramPair(predict target: Int, from context: Int32, alpha: Float) {
        let l1 = inputRow(context)
        error.update(repeating: 0, count: d)
        negativeSampling(target: target, hidden: l1, alpha: alpha)
        Self.axpy(1, error, l1, d)
    }

    /// The mean of the context's input vectors predicts the word at `i`; every context word gets the error.
    @inline(__always) private func cbow(_ i: Int, _ context: Range<Int>, alpha: Float) {
        let count = context.count - 1
        guard count > 0 else { return }
        hidden.update(repeating: 0, count: d)
        for j in context where j != i { Self.axpy(1, inputRow(sentence[j]), hidden, d) }
        Self.scale(hidden, 1 / Float(count), d)
        error.update(repeating: 0, count: d)
        negativeSampling(target: Int(sentence[i]), hidden: hidden, alpha: alpha)
        for j in context where j != i { Self.axpy(1, error, inputRow(sentence[j]), d) }
    }

    /// One positive and `negative` noise targets for `hidden`: updates their output rows, accumulates `error`.
    @inline(__always) private func negativeSampling(target: Int, hidden h: UnsafeMutablePointer<Float>, alpha: Float) {
        for k in 0...options.negative {
            let word: Int, label: Float
            if k == 0 {
                word = target
                label = 1
            } else {
                word = noise.draw(next32(), next32())
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

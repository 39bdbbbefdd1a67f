import Foundation
import TensorCore
import CPrefetch

// The noise sampler and sigmoid table live beside the training loop: LabData is compiled file by file
// (see Package.swift), and calls across files are not inlined (draw() alone cost 7% of the time).

/// One replica of the word2vec weights: trains one job of a round on its own
/// copy of the rows it touches (copied from the shared arrays on first touch).
///
/// CBOW's inner loop is gensim's `fast_sentence_cbow_neg` (word2vec_inner.pyx): a
/// sigmoid table of 1000 steps over ±6, pairs whose score falls outside ±6 skipped,
/// the noise word equal to the target skipped. Noise words come from their own random
/// stream, drawn ahead, so the rows of the next pair are prefetched while this one
/// trains; a pair's target and noise rows are distinct in almost every pair, and then
/// their scores are computed in one pass and their updates in another (`fusedPair`),
/// which gives the same bits as gensim's row-by-row loop (`sequentialPair`, still used
/// when a noise word repeats). Skip-gram shares one draw of noise words among a
/// window's context words (pWord2Vec) and updates the window's rows as two small
/// matrix products (`skipGramWindow`); the same rules otherwise.
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
    /// The rows copied this round, in the order first touched: `touchedInputCount` input rows, `touchedOutputCount` output rows.
    let touchedInputs: UnsafeMutablePointer<Int32>
    let touchedOutputs: UnsafeMutablePointer<Int32>
    private(set) var touchedInputCount = 0
    private(set) var touchedOutputCount = 0
    /// Words trained on after subsampling, over every job so far.
    private(set) var trainedWords = 0
    private let hidden: UnsafeMutablePointer<Float>
    private let error: UnsafeMutablePointer<Float>
    private var sentence: [Int32] = []
    private let negative: Int
    private let sigmoid: UnsafeMutablePointer<Float>
    /// Whether distinct rows of a pair take the one-pass kernels (false: always row by row, for tests).
    private let fused: Bool
    /// Noise words drawn ahead from their own stream: `noiseWords[noiseNext..<noiseEnd]` are the next ones.
    private let noiseWords: UnsafeMutablePointer<Int32>
    private let noiseCapacity: Int
    private var noiseNext = 0
    private var noiseEnd = 0
    private var noiseRandom = Random(state: 0)
    /// A pair's words (target first), their rows, scores and gradients.
    private let pairWords: UnsafeMutablePointer<Int>
    private let pairRows: UnsafeMutablePointer<UnsafeMutablePointer<Float>>
    private let pairScores: UnsafeMutablePointer<Float>
    private let pairGradients: UnsafeMutablePointer<Float>
    /// Skip-gram: a window's context rows, their scores against the pair rows (`negative + 4` a context), and the
    /// output rows' changes of one block.
    private let contextRows: UnsafeMutablePointer<UnsafeMutablePointer<Float>>
    private let windowScores: UnsafeMutablePointer<Float>
    private let outputChanges: UnsafeMutablePointer<Float>

    init(shared: Weights, options: Word2VecOptions, keepChance: [UInt64], noise: NoiseSampler, fused: Bool = true) {
        self.shared = shared
        self.options = options
        self.keepChance = keepChance
        self.noise = noise
        self.fused = fused
        d = shared.dimension
        negative = options.negative
        let n = shared.rows * d
        input = .allocate(capacity: n)
        output = .allocate(capacity: n)
        hasInput = .allocate(capacity: shared.rows)
        hasInput.initialize(repeating: false, count: shared.rows)
        hasOutput = .allocate(capacity: shared.rows)
        hasOutput.initialize(repeating: false, count: shared.rows)
        touchedInputs = .allocate(capacity: shared.rows)
        touchedOutputs = .allocate(capacity: shared.rows)
        hidden = .allocate(capacity: d)
        error = .allocate(capacity: d)
        sigmoid = .allocate(capacity: SigmoidTable.table.count)
        sigmoid.initialize(from: SigmoidTable.table, count: SigmoidTable.table.count)
        noiseCapacity = max(256, 4 * negative)
        noiseWords = .allocate(capacity: noiseCapacity)
        pairWords = .allocate(capacity: negative + 1)
        pairRows = .allocate(capacity: negative + 1)
        pairScores = .allocate(capacity: negative + 4)
        pairGradients = .allocate(capacity: negative + 1)
        contextRows = .allocate(capacity: 2 * options.window)
        windowScores = .allocate(capacity: 2 * options.window * (negative + 4))
        outputChanges = .allocate(capacity: 32 * (negative + 1))
    }

    deinit {
        input.deallocate(); output.deallocate(); hasInput.deallocate(); hasOutput.deallocate()
        touchedInputs.deallocate(); touchedOutputs.deallocate()
        hidden.deallocate(); error.deallocate(); sigmoid.deallocate()
        noiseWords.deallocate(); pairWords.deallocate(); pairRows.deallocate(); pairScores.deallocate(); pairGradients.deallocate()
        contextRows.deallocate(); windowScores.deallocate(); outputChanges.deallocate()
    }

    // MARK: Rows

    @inline(__always) private func inputRow(_ w: Int32) -> UnsafeMutablePointer<Float> {
        let k = Int(w), p = input + k * d
        if !hasInput[k] {
            hasInput[k] = true
            touchedInputs[touchedInputCount] = w
            touchedInputCount += 1
            Self.copy(shared.input + k * d, p, d)
        }
        return p
    }

    @inline(__always) private func outputRow(_ w: Int) -> UnsafeMutablePointer<Float> {
        let p = output + w * d
        if !hasOutput[w] {
            hasOutput[w] = true
            touchedOutputs[touchedOutputCount] = Int32(w)
            touchedOutputCount += 1
            Self.copy(shared.output + w * d, p, d)
        }
        return p
    }

    /// Asks for input row `w` ahead of its use: this replica's copy, or the shared row it will be copied from.
    @inline(__always) private func prefetchInput(_ w: Int32) {
        let k = Int(w)
        if hasInput[k] { Self.prefetch(input + k * d, d) } else { Self.prefetch(shared.input + k * d, d); Self.prefetch(input + k * d, d) }
    }

    @inline(__always) private func prefetchOutput(_ w: Int32) {
        let k = Int(w)
        if hasOutput[k] { Self.prefetch(output + k * d, d) } else { Self.prefetch(shared.output + k * d, d); Self.prefetch(output + k * d, d) }
    }

    /// Forgets the round's rows.
    func startRound() {
        for t in 0..<touchedInputCount { hasInput[Int(touchedInputs[t])] = false }
        for t in 0..<touchedOutputCount { hasOutput[Int(touchedOutputs[t])] = false }
        touchedInputCount = 0
        touchedOutputCount = 0
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

    /// The next `negative` noise words; at least `negative` more stay drawn behind them, for prefetching.
    @inline(__always) private func takeNoise() -> UnsafeMutablePointer<Int32> {
        if noiseEnd - noiseNext < 2 * negative {
            let kept = noiseEnd - noiseNext
            noiseWords.update(from: noiseWords + noiseNext, count: kept)
            var random = noiseRandom  // a local: no exclusivity check per draw
            for k in kept..<noiseCapacity { noiseWords[k] = Int32(noise.draw(random.next32(), random.next32())) }
            noiseRandom = random
            noiseNext = 0
            noiseEnd = noiseCapacity
        }
        let words = noiseWords + noiseNext
        noiseNext += negative
        return words
    }

    /// Trains the sentences of one job at learning rate `alpha`, drawing from streams seeded by `seed`.
    func train(_ corpus: Corpus, sentences: Range<Int>, alpha: Float, seed: UInt64) {
        var random = Random(state: seed & 0xFFFF_FFFF_FFFF)
        noiseRandom = Random(state: Word2Vec.mix(seed, 1, 1) & 0xFFFF_FFFF_FFFF)
        noiseNext = 0
        noiseEnd = 0
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
                    if i + window + 1 < n { prefetchInput(kept[i + window + 1]) }
                    if skipGram {
                        if i + 1 < n { prefetchOutput(kept[i + 1]) }
                        skipGramWindow(i, lo..<hi, kept.baseAddress!, alpha: alpha)
                    } else {
                        cbow(i, lo..<hi, kept.baseAddress!, alpha: alpha)
                    }
                }
            }
        }
        }
        }
        trainedWords += trained
    }

    /// Every context word's input vector predicts the word at `i` against one draw of `negative` noise words shared by
    /// the window (pWord2Vec, Ji et al. 2016; gensim draws for each context word). The window's scores come first,
    /// then every change from the rows as they were: the context rows' changes from the output rows and the output
    /// rows' changes from the context rows. A row that appears twice (a repeated context or noise word) gets both changes.
    @inline(__always) private func skipGramWindow(_ i: Int, _ context: Range<Int>, _ sentence: UnsafeMutablePointer<Int32>, alpha: Float) {
        let target = Int(sentence[i])
        var m = 0
        for j in context where j != i {
            contextRows[m] = inputRow(sentence[j])
            m += 1
        }
        guard m > 0 else { return }
        let drawn = takeNoise()
        for k in 0..<negative { prefetchOutput(noiseWords[noiseNext + k]) }
        pairWords[0] = target
        var n = 1
        for k in 0..<negative where Int(drawn[k]) != target {
            pairWords[n] = Int(drawn[k])
            n += 1
        }
        for k in 0..<n { pairRows[k] = outputRow(pairWords[k]) }
        let stride = negative + 4
        for j in 0..<m {
            Self.dots(contextRows[j], pairRows, n, d, into: windowScores + j * stride)
            for k in 0..<n {
                let score = windowScores[j * stride + k]
                windowScores[j * stride + k] = score <= -SigmoidTable.limit || score >= SigmoidTable.limit
                    ? 0 : ((k == 0 ? 1 : 0) - sigmoid[SigmoidTable.index(score)]) * alpha
            }
        }
        Self.windowUpdate(contexts: contextRows, m, outputs: pairRows, n, gradients: windowScores, stride: stride,
                          changes: outputChanges, d)
    }

    /// With G[j][k] = `gradients[j · stride + k]`: context row j += Σₖ G[j][k] · output row k and output row k +=
    /// Σⱼ G[j][k] · context row j, both from the rows as they were. Block by block of the width (32 floats, then 8,
    /// 4, 1): the output rows' changes first (into `changes`, one block a row), then each context row's, then the
    /// output rows'; a row given twice gets both changes (each is added to the row as it is then).
    static func windowUpdate(contexts c: UnsafeMutablePointer<UnsafeMutablePointer<Float>>, _ m: Int,
                             outputs o: UnsafeMutablePointer<UnsafeMutablePointer<Float>>, _ n: Int,
                             gradients g: UnsafePointer<Float>, stride: Int, changes: UnsafeMutablePointer<Float>, _ d: Int) {
        typealias V4 = SIMD4<Float>
        @inline(__always) func load<V: SIMD>(_ p: UnsafePointer<Float>, _ offset: Int, _: V.Type) -> V { UnsafeRawPointer(p + offset).loadUnaligned(as: V.self) }
        let blocks = UnsafeMutableRawPointer(changes)
        /// The three passes for one block of V's width at `i` (the 8- and 4-float tails).
        @inline(__always) func narrowBlock<V: SIMD>(_: V.Type, at i: Int) where V.Scalar == Float {
            let width = MemoryLayout<V>.size
            for k in 0..<n {
                var sum = V(repeating: 0)
                for j in 0..<m { sum.addProduct(V(repeating: g[j * stride + k]), load(c[j], i, V.self)) }
                blocks.storeBytes(of: sum, toByteOffset: k * width, as: V.self)
            }
            for j in 0..<m {
                var sum = V(repeating: 0)
                for k in 0..<n { sum.addProduct(V(repeating: g[j * stride + k]), load(o[k], i, V.self)) }
                UnsafeMutableRawPointer(c[j] + i).storeBytes(of: load(c[j], i, V.self) + sum, as: V.self)
            }
            for k in 0..<n {
                UnsafeMutableRawPointer(o[k] + i).storeBytes(of: load(o[k], i, V.self) + blocks.loadUnaligned(fromByteOffset: k * width, as: V.self),
                                                             as: V.self)
            }
        }
        var i = 0
        while i + 32 <= d {
            for k in 0..<n {
                var s0 = Lanes(repeating: 0), s1 = s0, s2 = s0, s3 = s0
                for j in 0..<m {
                    let gv = Lanes(repeating: g[j * stride + k]), row = UnsafeRawPointer(c[j] + i)
                    s0.addProduct(gv, row.loadUnaligned(as: Lanes.self)); s1.addProduct(gv, row.loadUnaligned(fromByteOffset: 32, as: Lanes.self))
                    s2.addProduct(gv, row.loadUnaligned(fromByteOffset: 64, as: Lanes.self)); s3.addProduct(gv, row.loadUnaligned(fromByteOffset: 96, as: Lanes.self))
                }
                let block = blocks + k * 128
                block.storeBytes(of: s0, as: Lanes.self); block.storeBytes(of: s1, toByteOffset: 32, as: Lanes.self)
                block.storeBytes(of: s2, toByteOffset: 64, as: Lanes.self); block.storeBytes(of: s3, toByteOffset: 96, as: Lanes.self)
            }
            for j in 0..<m {
                var s0 = Lanes(repeating: 0), s1 = s0, s2 = s0, s3 = s0
                for k in 0..<n {
                    let gv = Lanes(repeating: g[j * stride + k]), row = UnsafeRawPointer(o[k] + i)
                    s0.addProduct(gv, row.loadUnaligned(as: Lanes.self)); s1.addProduct(gv, row.loadUnaligned(fromByteOffset: 32, as: Lanes.self))
                    s2.addProduct(gv, row.loadUnaligned(fromByteOffset: 64, as: Lanes.self)); s3.addProduct(gv, row.loadUnaligned(fromByteOffset: 96, as: Lanes.self))
                }
                let row = UnsafeMutableRawPointer(c[j] + i)
                row.storeBytes(of: row.loadUnaligned(as: Lanes.self) + s0, as: Lanes.self)
                row.storeBytes(of: row.loadUnaligned(fromByteOffset: 32, as: Lanes.self) + s1, toByteOffset: 32, as: Lanes.self)
                row.storeBytes(of: row.loadUnaligned(fromByteOffset: 64, as: Lanes.self) + s2, toByteOffset: 64, as: Lanes.self)
                row.storeBytes(of: row.loadUnaligned(fromByteOffset: 96, as: Lanes.self) + s3, toByteOffset: 96, as: Lanes.self)
            }
            for k in 0..<n {
                let row = UnsafeMutableRawPointer(o[k] + i), block = blocks + k * 128
                for b in 0..<4 {
                    row.storeBytes(of: row.loadUnaligned(fromByteOffset: b * 32, as: Lanes.self) + block.loadUnaligned(fromByteOffset: b * 32, as: Lanes.self),
                                   toByteOffset: b * 32, as: Lanes.self)
                }
            }
            i += 32
        }
        while i + 8 <= d {
            narrowBlock(Lanes.self, at: i)
            i += 8
        }
        if i + 4 <= d {
            narrowBlock(V4.self, at: i)
            i += 4
        }
        while i < d {
            for k in 0..<n {
                var sum: Float = 0
                for j in 0..<m { sum += g[j * stride + k] * c[j][i] }
                changes[k] = sum
            }
            for j in 0..<m {
                var sum: Float = 0
                for k in 0..<n { sum += g[j * stride + k] * o[k][i] }
                c[j][i] += sum
            }
            for k in 0..<n { o[k][i] += changes[k] }
            i += 1
        }
    }

    /// The mean of the context's input vectors predicts the word at `i`; every context word gets the error.
    @inline(__always) private func cbow(_ i: Int, _ context: Range<Int>, _ sentence: UnsafeMutablePointer<Int32>, alpha: Float) {
        let count = context.count - 1
        guard count > 0 else { return }
        var m = 0
        for j in context where j != i {
            contextRows[m] = inputRow(sentence[j])
            m += 1
        }
        Self.sum(contextRows, m, into: hidden, d)
        Self.scale(hidden, 1 / Float(count), d)
        error.update(repeating: 0, count: d)
        negativeSampling(target: Int(sentence[i]), hidden: hidden, alpha: alpha)
        for j in 0..<m { Self.axpy(1, error, contextRows[j], d) }
    }

    /// One positive and `negative` noise targets for `hidden`: updates their output rows, accumulates `error`.
    @inline(__always) private func negativeSampling(target: Int, hidden h: UnsafeMutablePointer<Float>, alpha: Float) {
        let drawn = takeNoise()
        for k in 0..<negative { prefetchOutput(noiseWords[noiseNext + k]) }
        pairWords[0] = target
        var m = 1
        for k in 0..<negative where Int(drawn[k]) != target {
            pairWords[m] = Int(drawn[k])
            m += 1
        }
        if fused && !Self.repeats(pairWords, m) { fusedPair(m, hidden: h, alpha: alpha) } else { sequentialPair(m, hidden: h, alpha: alpha) }
    }

    /// Whether a word appears twice among `words[0..<m]`.
    @inline(__always) private static func repeats(_ words: UnsafeMutablePointer<Int>, _ m: Int) -> Bool {
        for a in 1..<m { for b in 0..<a where words[a] == words[b] { return true } }
        return false
    }

    /// gensim's loop over the pair's `m` words (target first): each row's score, then its updates, row after row.
    @inline(__always) private func sequentialPair(_ m: Int, hidden h: UnsafeMutablePointer<Float>, alpha: Float) {
        for k in 0..<m {
            let row = outputRow(pairWords[k])
            let score = Self.dot(h, row, d)
            if score <= -SigmoidTable.limit || score >= SigmoidTable.limit { continue }
            let g = ((k == 0 ? 1 : 0) - sigmoid[SigmoidTable.index(score)]) * alpha
            Self.axpy(g, row, error, d)
            Self.axpy(g, h, row, d)
        }
    }

    /// The same for `m` distinct words: no row's update changes another's score, so all scores come first (one
    /// pass over `hidden`, the rows' loads side by side), then every update in one more pass, in gensim's order.
    @inline(__always) private func fusedPair(_ m: Int, hidden h: UnsafeMutablePointer<Float>, alpha: Float) {
        for k in 0..<m { pairRows[k] = outputRow(pairWords[k]) }
        Self.dots(h, pairRows, m, d, into: pairScores)
        var active = 0
        for k in 0..<m {
            let score = pairScores[k]
            if score <= -SigmoidTable.limit || score >= SigmoidTable.limit { continue }
            pairGradients[active] = ((k == 0 ? 1 : 0) - sigmoid[SigmoidTable.index(score)]) * alpha
            pairRows[active] = pairRows[k]
            active += 1
        }
        Self.updatePair(error, h, pairRows, pairGradients, active, d)
    }

    // MARK: Kernels (8 lanes: one AVX2 register)

    private typealias Lanes = SIMD8<Float>

    /// Prefetches the cache lines of an `n`-float row.
    @inline(__always) private static func prefetch(_ x: UnsafePointer<Float>, _ n: Int) {
        let bytes = UnsafeRawPointer(x)
        var offset = 0
        while offset < n * 4 { lab_prefetch(bytes + offset); offset += 64 }
        lab_prefetch(bytes + (n * 4 - 1))
    }

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

    /// `dot(x, rows[k])` into `out[k]` for k in 0..<n, four rows a pass (two for the last one or two).
    @inline(__always) private static func dots(_ x: UnsafePointer<Float>, _ rows: UnsafeMutablePointer<UnsafeMutablePointer<Float>>, _ n: Int,
                                               _ d: Int, into out: UnsafeMutablePointer<Float>) {
        var k = 0
        let last = n - 1
        while k < n {
            if n - k <= 2 {
                dot2(x, rows[k], rows[last], d, into: out + k)
                k += 2
            } else {
                dot4(x, rows[k], rows[k + 1], rows[k + 2], rows[min(k + 3, last)], d, into: out + k)
                k += 4
            }
        }
    }

    /// `dot(x, y0)` and `dot(x, y1)` into `out[0…1]`, bit for bit.
    @inline(__always) private static func dot2(_ x: UnsafePointer<Float>, _ y0: UnsafePointer<Float>, _ y1: UnsafePointer<Float>, _ n: Int,
                                               into out: UnsafeMutablePointer<Float>) {
        let zero = Lanes(repeating: 0)
        var a0 = zero, a1 = zero, b0 = zero, b1 = zero
        var i = 0
        let rx = UnsafeRawPointer(x), r0 = UnsafeRawPointer(y0), r1 = UnsafeRawPointer(y1)
        while i + 16 <= n {
            let u = rx.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self), v = rx.loadUnaligned(fromByteOffset: i * 4 + 32, as: Lanes.self)
            a0.addProduct(u, r0.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            a1.addProduct(u, r1.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            b0.addProduct(v, r0.loadUnaligned(fromByteOffset: i * 4 + 32, as: Lanes.self))
            b1.addProduct(v, r1.loadUnaligned(fromByteOffset: i * 4 + 32, as: Lanes.self))
            i += 16
        }
        if i + 8 <= n {
            let u = rx.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self)
            a0.addProduct(u, r0.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            a1.addProduct(u, r1.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            i += 8
        }
        var s0 = (a0 + b0).sum(), s1 = (a1 + b1).sum()
        while i < n {
            s0 += x[i] * y0[i]; s1 += x[i] * y1[i]
            i += 1
        }
        out[0] = s0; out[1] = s1
    }

    /// h = rows[0] + … + rows[m − 1], added in that order: the bits of zeroing h and `axpy(1, rows[j], h)` row after row,
    /// with h's blocks kept in registers.
    @inline(__always) private static func sum(_ rows: UnsafeMutablePointer<UnsafeMutablePointer<Float>>, _ m: Int,
                                              into h: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        let rh = UnsafeMutableRawPointer(h)
        while i + 32 <= n {
            var s0 = Lanes(repeating: 0), s1 = s0, s2 = s0, s3 = s0
            for j in 0..<m {
                let row = UnsafeRawPointer(rows[j] + i)
                s0 += row.loadUnaligned(as: Lanes.self); s1 += row.loadUnaligned(fromByteOffset: 32, as: Lanes.self)
                s2 += row.loadUnaligned(fromByteOffset: 64, as: Lanes.self); s3 += row.loadUnaligned(fromByteOffset: 96, as: Lanes.self)
            }
            rh.storeBytes(of: s0, toByteOffset: i * 4, as: Lanes.self); rh.storeBytes(of: s1, toByteOffset: i * 4 + 32, as: Lanes.self)
            rh.storeBytes(of: s2, toByteOffset: i * 4 + 64, as: Lanes.self); rh.storeBytes(of: s3, toByteOffset: i * 4 + 96, as: Lanes.self)
            i += 32
        }
        while i + 8 <= n {
            var s0 = Lanes(repeating: 0)
            for j in 0..<m { s0 += UnsafeRawPointer(rows[j] + i).loadUnaligned(as: Lanes.self) }
            rh.storeBytes(of: s0, toByteOffset: i * 4, as: Lanes.self)
            i += 8
        }
        while i < n {
            var s: Float = 0
            for j in 0..<m { s += rows[j][i] }
            h[i] = s
            i += 1
        }
    }

    /// `dot(x, y0…y3)` into `out[0…3]`, in one pass over `x`: each sum bit for bit as `dot` adds it.
    @inline(__always) private static func dot4(_ x: UnsafePointer<Float>, _ y0: UnsafePointer<Float>, _ y1: UnsafePointer<Float>,
                                               _ y2: UnsafePointer<Float>, _ y3: UnsafePointer<Float>, _ n: Int,
                                               into out: UnsafeMutablePointer<Float>) {
        let zero = Lanes(repeating: 0)
        var a0 = zero, a1 = zero, a2 = zero, a3 = zero, b0 = zero, b1 = zero, b2 = zero, b3 = zero
        var i = 0
        let rx = UnsafeRawPointer(x), r0 = UnsafeRawPointer(y0), r1 = UnsafeRawPointer(y1), r2 = UnsafeRawPointer(y2), r3 = UnsafeRawPointer(y3)
        while i + 16 <= n {
            let u = rx.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self), v = rx.loadUnaligned(fromByteOffset: i * 4 + 32, as: Lanes.self)
            a0.addProduct(u, r0.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            a1.addProduct(u, r1.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            a2.addProduct(u, r2.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            a3.addProduct(u, r3.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            b0.addProduct(v, r0.loadUnaligned(fromByteOffset: i * 4 + 32, as: Lanes.self))
            b1.addProduct(v, r1.loadUnaligned(fromByteOffset: i * 4 + 32, as: Lanes.self))
            b2.addProduct(v, r2.loadUnaligned(fromByteOffset: i * 4 + 32, as: Lanes.self))
            b3.addProduct(v, r3.loadUnaligned(fromByteOffset: i * 4 + 32, as: Lanes.self))
            i += 16
        }
        if i + 8 <= n {
            let u = rx.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self)
            a0.addProduct(u, r0.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            a1.addProduct(u, r1.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            a2.addProduct(u, r2.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            a3.addProduct(u, r3.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self))
            i += 8
        }
        var s0 = (a0 + b0).sum(), s1 = (a1 + b1).sum(), s2 = (a2 + b2).sum(), s3 = (a3 + b3).sum()
        while i < n {
            s0 += x[i] * y0[i]; s1 += x[i] * y1[i]; s2 += x[i] * y2[i]; s3 += x[i] * y3[i]
            i += 1
        }
        out[0] = s0; out[1] = s1; out[2] = s2; out[3] = s3
    }

    /// For k in 0..<m, in order: e += g[k] · rows[k], then rows[k] += g[k] · h; element by element the same
    /// operations in the same order as `axpy` row after row (the rows are distinct, and none is `e` or `h`).
    /// Four blocks of 8 at a time, so that four chains of additions into `e` run side by side.
    @inline(__always) private static func updatePair(_ e: UnsafeMutablePointer<Float>, _ h: UnsafePointer<Float>,
                                                     _ rows: UnsafeMutablePointer<UnsafeMutablePointer<Float>>,
                                                     _ g: UnsafeMutablePointer<Float>, _ m: Int, _ n: Int) {
        var i = 0
        let re = UnsafeMutableRawPointer(e), rh = UnsafeRawPointer(h)
        while i + 32 <= n {
            var e0 = re.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self), e1 = re.loadUnaligned(fromByteOffset: i * 4 + 32, as: Lanes.self)
            var e2 = re.loadUnaligned(fromByteOffset: i * 4 + 64, as: Lanes.self), e3 = re.loadUnaligned(fromByteOffset: i * 4 + 96, as: Lanes.self)
            let h0 = rh.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self), h1 = rh.loadUnaligned(fromByteOffset: i * 4 + 32, as: Lanes.self)
            let h2 = rh.loadUnaligned(fromByteOffset: i * 4 + 64, as: Lanes.self), h3 = rh.loadUnaligned(fromByteOffset: i * 4 + 96, as: Lanes.self)
            for k in 0..<m {
                let row = UnsafeMutableRawPointer(rows[k]) + i * 4, gv = Lanes(repeating: g[k])
                var v0 = row.loadUnaligned(as: Lanes.self), v1 = row.loadUnaligned(fromByteOffset: 32, as: Lanes.self)
                var v2 = row.loadUnaligned(fromByteOffset: 64, as: Lanes.self), v3 = row.loadUnaligned(fromByteOffset: 96, as: Lanes.self)
                e0.addProduct(gv, v0); e1.addProduct(gv, v1); e2.addProduct(gv, v2); e3.addProduct(gv, v3)
                v0.addProduct(gv, h0); v1.addProduct(gv, h1); v2.addProduct(gv, h2); v3.addProduct(gv, h3)
                row.storeBytes(of: v0, as: Lanes.self); row.storeBytes(of: v1, toByteOffset: 32, as: Lanes.self)
                row.storeBytes(of: v2, toByteOffset: 64, as: Lanes.self); row.storeBytes(of: v3, toByteOffset: 96, as: Lanes.self)
            }
            re.storeBytes(of: e0, toByteOffset: i * 4, as: Lanes.self); re.storeBytes(of: e1, toByteOffset: i * 4 + 32, as: Lanes.self)
            re.storeBytes(of: e2, toByteOffset: i * 4 + 64, as: Lanes.self); re.storeBytes(of: e3, toByteOffset: i * 4 + 96, as: Lanes.self)
            i += 32
        }
        while i + 8 <= n {
            var ev = re.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self)
            let hv = rh.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self)
            for k in 0..<m {
                let row = UnsafeMutableRawPointer(rows[k]), gv = Lanes(repeating: g[k])
                var v = row.loadUnaligned(fromByteOffset: i * 4, as: Lanes.self)
                ev.addProduct(gv, v)
                v.addProduct(gv, hv)
                row.storeBytes(of: v, toByteOffset: i * 4, as: Lanes.self)
            }
            re.storeBytes(of: ev, toByteOffset: i * 4, as: Lanes.self)
            i += 8
        }
        while i < n {
            var ei = e[i]
            let hi = h[i]
            for k in 0..<m {
                let alpha = g[k], row = rows[k]
                ei += alpha * row[i]
                row[i] += alpha * hi
            }
            e[i] = ei
            i += 1
        }
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

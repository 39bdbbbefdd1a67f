import TensorCore

/// How optimizers with state treat rows of an embedding table that a batch did not touch.
///
/// Keras applies Adam, momentum SGD and RMSprop to an embedding as to any
/// weight: the sparse gradient is densified, so every step decays every row's
/// moments and moves every row by its momentum, touched or not. `.dense`
/// reproduces exactly that (same numbers as a dense update with zero rows), and
/// is the default so results match Keras's. The gradient itself stays sparse;
/// only the optimizer's sweep over the table is dense (one vectorized pass over
/// V·D values of the weights and each state slot).
/// `.lazy` updates touched rows only, as TensorFlow Addons' `LazyAdam` and
/// PyTorch's `SparseAdam` do: O(touched rows) per step, close but not equal
/// results (untouched rows keep stale moments and do not drift).
/// Plain SGD without momentum is identical under both.
public enum SparseUpdate: String, Sendable, CaseIterable {
    /// Every row each step, as Keras (the default).
    case dense
    /// Touched rows only (LazyAdam / SparseAdam semantics).
    case lazy
}

/// Applies an `OptimizerSpec` update rule to parameters and owns its state.
///
/// State per parameter (keyed by the full tensor name, e.g. `lstm_1.kernel`):
/// Adam keeps `m` and `v`, SGD with momentum keeps `velocity`, RMSprop keeps
/// `rms`. `iterations` counts steps (Adam's bias correction uses it). All of it
/// exports to named tensors so a checkpoint resumes training exactly.
public final class Optimizer {
    /// The rule and its hyper-parameters.
    public let spec: OptimizerSpec
    /// Treatment of untouched embedding rows.
    public let sparseUpdate: SparseUpdate
    /// Steps taken so far (Keras `iterations`).
    public private(set) var iterations = 0
    /// The base learning rate: the spec's at first, lowered by ReduceLROnPlateau.
    public var learningRate: Float
    /// A schedule over `learningRate` by step, or nil for a constant rate.
    public var schedule: LearningRateSchedule?
    /// Keras `clipnorm`/`clipvalue`, applied to every gradient before the update.
    public var clipping = GradientClipping()
    private var slots: [String: [Tensor]] = [:]

    /// An optimizer with no state yet.
    public init(_ spec: OptimizerSpec, sparseUpdate: SparseUpdate = .dense) {
        self.spec = spec
        self.sparseUpdate = sparseUpdate
        learningRate = spec.learningRate
    }

    /// The rate the next step uses: `schedule` at `iterations` over `learningRate`, else `learningRate`.
    public var currentLearningRate: Float {
        schedule?.rate(initial: learningRate, step: iterations) ?? learningRate
    }

    /// The state slot names of this rule, in order.
    public var slotNames: [String] {
        switch spec {
        case .adam: ["m", "v"]
        case let .sgd(_, momentum, _): momentum == 0 ? [] : ["velocity"]
        case .rmsprop: ["rms"]
        }
    }

    /// One update of every parameter from its accumulated gradient.
    /// - Parameter parameters: full tensor name and parameter, in a fixed order.
    /// Clips each gradient in place first when `clipping` is set.
    public func step(_ parameters: [(name: String, parameter: Parameter)]) {
        let effective = spec.withLearningRate(currentLearningRate)
        iterations += 1
        for (name, p) in parameters {
            let state = slots[name] ?? slotNames.map { _ in Tensor(shape: p.value.shape) }
            slots[name] = state
            let rule = OptimizerRule(spec: effective, iteration: iterations)
            if clipping.isActive {
                switch p.gradient {
                case let .dense(g): clipping.apply(g.data, count: g.count)
                case let .sparseRows(g): clipping.apply(g.values.data, count: g.touchedRows.count * g.width)
                }
            }
            switch p.gradient {
            case let .dense(g):
                rule.apply(p.value.data, g.data, state.map(\.data), count: p.value.count)
            case let .sparseRows(g):
                if sparseUpdate == .lazy || state.isEmpty {
                    for (slot, row) in g.touchedRows.enumerated() {
                        let offset = row * g.width
                        rule.apply(p.value.data + offset, g.values.data + slot * g.width, state.map { $0.data + offset }, count: g.width)
                    }
                } else {
                    rule.applyDenseSweep(p.value.data, g, state.map(\.data))
                }
            }
        }
    }

    /// The state as named tensors: `optimizer.iterations` [1] and
    /// `optimizer.<slot>.<parameter name>` in the parameter's shape.
    public func exportState() -> [String: Tensor] {
        var out = ["optimizer.iterations": Tensor(shape: [1], values: [Float(iterations)])]
        for (name, state) in slots {
            for (slot, t) in zip(slotNames, state) { out["optimizer.\(slot).\(name)"] = t }
        }
        return out
    }

    /// Restores state exported by `exportState` for the given parameters (renamed by `rename` from saved to current names).
    /// - Parameter adopting: keep the given tensors as the state instead of copies (the caller holds no other use of them).
    /// - Throws: `ModelFileError.shapeMismatch` when a slot does not fit its parameter.
    public func importState(_ tensors: [String: Tensor], parameters: [(name: String, parameter: Parameter)],
                            savedName: (String) -> String = { $0 }, path: String = "", adopting: Bool = false) throws {
        if let it = tensors["optimizer.iterations"], it.count == 1 { iterations = Int(it.data[0]) }
        for (name, p) in parameters {
            var state: [Tensor] = []
            for slot in slotNames {
                guard let t = tensors["optimizer.\(slot).\(savedName(name))"] else { break }
                guard t.shape == p.value.shape else {
                    throw ModelFileError.shapeMismatch(path: path, tensor: "optimizer.\(slot).\(savedName(name))", expected: p.value.shape, got: t.shape)
                }
                state.append(adopting ? t : t.copy())
            }
            if state.count == slotNames.count && !state.isEmpty { slots[name] = state }
        }
    }
}

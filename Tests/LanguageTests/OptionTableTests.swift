@testable import Language
import XCTest

/// `OptionTable` is the one declaration of every `key=`: each declared key is read by its
/// parser (none is allowed but ignored) and no parser reads a key the table does not declare.
final class OptionTableTests: XCTestCase {
    /// A line of each verb that parses without options; `key=value` pairs are appended to it.
    private static let baseLines: [Verb: String] = [
        .seed: "seed 1", .set: "set", .param: "param a=1", .help: "help", .list: "list", .run: "run \"a.exp\"", .record: "record off",
        .echo: "echo \"x\"", .quit: "quit", .load: "load d from \"d.csv\"", .describe: "describe d", .show: "show d",
        .split: "split d", .tokenize: "tokenize d", .vectorize: "vectorize d tfidf", .export: "export d.train to \"d.csv\"", .model: "model m",
        .compile: "compile m", .summary: "summary m", .train: "train m on d.train", .evaluate: "evaluate m on d.test",
        .report: "report m on d.test",
        .predict: "predict m on d.test to \"p.csv\"", .history: "history m", .plot: "plot m", .compare: "compare m n",
        .save: "save m to \"m.safetensors\"", .expect: "expect m loss < 1", .runs: "runs", .serve: "serve",
        .word2vec: "word2vec w on d.train", .similar: "similar w \"x\"",
    ]

    /// Options a key needs beside it before its parser looks at it (`verb.key` where the key alone is ambiguous).
    private static let companions: [String: String] = [
        "split.shuffle": "train=0.8", "split.train": "", "split.val": "", "split.test": "",
        "monitor": "patience=2", "mode": "patience=2", "min_delta": "patience=2",
        "reduce_patience": "reduce_lr=0.5", "min_lr": "reduce_lr=0.5",
        "lr_schedule": "decay_steps=10 decay_rate=0.9", "decay_steps": "lr_schedule=cosine",
        "decay_rate": "lr_schedule=exponential decay_steps=10", "alpha": "lr_schedule=cosine decay_steps=10",
        "word2vec.alpha": "",
        "best_only": "checkpoint=\"c.safetensors\"", "checkpoint_every": "checkpoint=\"c.safetensors\"", "momentum": "optimizer=sgd", "nesterov": "optimizer=sgd",
    ]

    /// A value of the right kind for `spec`.
    private static func sample(_ spec: OptionSpec) -> String {
        switch spec.kind {
        case .int: "2"
        case .number: "0.5"
        case .bool: "true"
        case .choice(let words), .choices(let words): spec.name == "monitor" ? "val_loss" : words[0]
        case .dataset: "d.val"
        case .path: "\"f.csv\""
        case .text, .texts: spec.name == "ngrams" ? "1,2" : "c"
        }
    }

    /// The keys the parser read while taking `lines` (the last one is checked to parse).
    private func keysRead(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) -> Set<String> {
        let log = ArgumentBinder.ReadLog()
        ArgumentBinder.$readLog.withValue(log) {
            var reader = StatementReader(file: "t.exp", mode: .script)
            for text in lines.dropLast() { _ = reader.read(text) }
            if case .failed(let diagnostic) = reader.read(lines[lines.count - 1]) {
                XCTFail("\(lines[lines.count - 1]): \(diagnostic.message)", file: file, line: line)
            }
        }
        return log.read
    }

    func testEveryVerbReadsEachDeclaredOptionAndNothingElse() {
        for verb in Verb.allCases {
            guard let base = Self.baseLines[verb] else { XCTFail("no base line for \(verb)"); continue }
            let declared = Set(OptionTable.keys(for: verb))
            if verb != .set, verb != .split { XCTAssertTrue(keysRead([base]).isSubset(of: declared), "\(base)") }
            for spec in OptionTable.options(for: verb) {
                let companion = Self.companions["\(verb.rawValue).\(spec.name)"] ?? Self.companions[spec.name]
                let extra = companion.map { " " + $0 } ?? ""
                let read = keysRead([base + " \(spec.name)=\(Self.sample(spec))" + extra])
                XCTAssertTrue(read.contains(spec.name), "\(verb) never reads \(spec.name)=")
                XCTAssertTrue(read.isSubset(of: declared), "\(verb) reads undeclared \(read.subtracting(declared).sorted())")
            }
        }
    }

    func testEveryLayerReadsEachDeclaredOptionAndNothingElse() {
        for kind in LayerKind.allCases {
            let wrapped: LayerKind? = kind == .bidirectional ? .lstm : nil
            let positionals = OptionTable.positionals(for: wrapped ?? kind)
            let keywords = OptionTable.keywords(for: kind) + (wrapped.map(OptionTable.keywords(for:)) ?? [])
            let base = ([wrapped.map { "bidirectional \($0.rawValue)" } ?? kind.rawValue] + positionals.map(Self.sample))
                .joined(separator: " ")
            let declared = Set((positionals + keywords).map(\.name))
            let read = keysRead(["model m", base])
            for spec in positionals { XCTAssertTrue(read.contains(spec.name), "\(kind) never reads \(spec.name)") }
            for spec in keywords {
                let read = keysRead(["model m", base + " \(spec.name)=\(Self.sample(spec))"])
                XCTAssertTrue(read.contains(spec.name), "\(kind) never reads \(spec.name)=")
                XCTAssertTrue(read.isSubset(of: declared), "\(kind) reads undeclared \(read.subtracting(declared).sorted())")
            }
        }
    }

    /// The log holds the keys a parser asked for, not every declared key.
    func testTheLogHoldsOnlyTheKeysAParserAsksFor() {
        let read = keysRead(["load d from \"d.csv\" limit=3"])
        XCTAssertTrue(read.contains("limit"))
        XCTAssertFalse(read.contains("threads"))
    }
}

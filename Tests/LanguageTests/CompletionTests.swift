import Language
import XCTest

/// Tab-completion candidates from the language vocabulary and session names.
final class CompletionTests: XCTestCase {
    func testFirstWordCompletesVerbsOrLayers() {
        XCTAssertEqual(Completion.candidates(for: "tr", after: "", isInsideBlock: false, sessionNames: []), ["train"])
        XCTAssertEqual(Completion.candidates(for: "e", after: "", isInsideBlock: false, sessionNames: []),
                       ["echo", "evaluate", "exit", "expect", "export"])
        XCTAssertEqual(Completion.candidates(for: "glob", after: "  ", isInsideBlock: true, sessionNames: []),
                       ["globalaveragepool1d", "globalaveragepooling1d", "globalmaxpool1d", "globalmaxpooling1d"])
    }

    func testOptionKeysValuesAndSessionNames() {
        XCTAssertEqual(Completion.candidates(for: "ep", after: "train m on d.train ", isInsideBlock: false, sessionNames: []), ["epochs="])
        XCTAssertEqual(Completion.candidates(for: "lst", after: "summary ", isInsideBlock: false, sessionNames: ["lstm1", "reviews"]),
                       ["lstm1"])
        XCTAssertEqual(Completion.candidates(for: "metrics=accuracy,a", after: "compile m ", isInsideBlock: false, sessionNames: []),
                       ["metrics=accuracy,acc", "metrics=accuracy,accuracy", "metrics=accuracy,auc"])
        XCTAssertEqual(Completion.candidates(for: "activation=s", after: "dense 1 ", isInsideBlock: true, sessionNames: []),
                       ["activation=sigmoid", "activation=softmax"])
        XCTAssertEqual(Completion.candidates(for: "return", after: "lstm 4 ", isInsideBlock: true, sessionNames: []),
                       ["return_sequences="])
        XCTAssertEqual(Completion.candidates(for: "li", after: "tokenize fresh ", isInsideBlock: false, sessionNames: ["lim"]),
                       ["like", "lim"])
        XCTAssertEqual(Completion.candidates(for: "t", after: "vectorize reviews ", isInsideBlock: false, sessionNames: ["tr"]),
                       ["tfidf", "to", "tr"])
        XCTAssertEqual(Completion.candidates(for: "norm=", after: "vectorize reviews tfidf ", isInsideBlock: false, sessionNames: []),
                       ["norm=l1", "norm=l2", "norm=none"])
        XCTAssertEqual(Completion.candidates(for: "ch", after: "export r.train to \"t_%02d.svm\" ", isInsideBlock: false,
                                             sessionNames: []), ["chunks="])
        XCTAssertEqual(Completion.candidates(for: "re", after: "gru 4 ", isInsideBlock: true, sessionNames: []),
                       ["recurrent_activation=", "recurrent_dropout=", "reset_after=", "return_sequences="])
        XCTAssertEqual(Completion.candidates(for: "sp", after: "  ", isInsideBlock: true, sessionNames: []), ["spatialdropout1d"])
        XCTAssertEqual(Completion.candidates(for: "", after: "bidirectional ", isInsideBlock: true, sessionNames: []),
                       ["gru", "lstm", "merge_mode=", "simplernn"])
        XCTAssertEqual(Completion.candidates(for: "m", after: "bidirectional lstm 64 ", isInsideBlock: true, sessionNames: []),
                       ["merge_mode="])
        XCTAssertEqual(Completion.candidates(for: "merge_mode=", after: "bidirectional gru 8 ", isInsideBlock: true, sessionNames: []),
                       ["merge_mode=ave", "merge_mode=concat", "merge_mode=mul", "merge_mode=sum"])
        XCTAssertEqual(Completion.candidates(for: "d", after: "bidirectional simplernn 8 ", isInsideBlock: true, sessionNames: []),
                       ["dropout="])
        XCTAssertEqual(Completion.candidates(for: "val_a", after: "expect m ", isInsideBlock: false, sessionNames: []),
                       ["val_acc", "val_accuracy", "val_auc"])
        XCTAssertEqual(Completion.candidates(for: "str", after: "load big from \"big.ft.txt\" ", isInsideBlock: false, sessionNames: []),
                       ["stream="])
        XCTAssertEqual(Completion.candidates(for: "stream=t", after: "load big from \"big.ft.txt\" ", isInsideBlock: false, sessionNames: []),
                       ["stream=true"])
        XCTAssertEqual(Completion.candidates(for: "shu", after: "train m on big ", isInsideBlock: false, sessionNames: []), ["shuffle=", "shuffle_buffer="])
    }

    func testWordVectorVerbsKeysAndNames() {
        XCTAssertEqual(Completion.candidates(for: "wo", after: "", isInsideBlock: false, sessionNames: []), ["word2vec"])
        XCTAssertEqual(Completion.candidates(for: "min", after: "word2vec w on d.train ", isInsideBlock: false, sessionNames: []),
                       ["min_alpha=", "min_count="])
        XCTAssertEqual(Completion.candidates(for: "sg=", after: "word2vec w on d ", isInsideBlock: false, sessionNames: []), ["sg=0", "sg=1"])
        XCTAssertEqual(Completion.candidates(for: "weights=w", after: "embedding 100 8 ", isInsideBlock: true, sessionNames: ["w2v", "d"]),
                       ["weights=w2v"])
        XCTAssertEqual(Completion.candidates(for: "tr", after: "embedding 100 8 ", isInsideBlock: true, sessionNames: []), ["trainable="])
    }

    func testTrainingControlOptionsAndValues() {
        func complete(_ word: String, after: String = "train m on d.train ") -> [String] {
            Completion.candidates(for: word, after: after, isInsideBlock: false, sessionNames: [])
        }
        XCTAssertEqual(complete("re"), ["reduce_lr=", "reduce_patience=", "restore_best="])
        XCTAssertEqual(complete("cl"), ["class_weight=", "clipnorm=", "clipvalue="])
        XCTAssertEqual(complete("clip", after: "compile m "), ["clipnorm=", "clipvalue="])
        XCTAssertEqual(complete("monitor=val_a"), ["monitor=val_acc", "monitor=val_accuracy", "monitor=val_auc"])
        XCTAssertEqual(complete("monitor=l"), ["monitor=loss", "monitor=lr"])
        XCTAssertEqual(complete("mode="), ["mode=auto", "mode=max", "mode=min"])
        XCTAssertEqual(complete("lr_schedule="), ["lr_schedule=cosine", "lr_schedule=exponential"])
        XCTAssertEqual(complete("class_weight=b"), ["class_weight=balanced"])
        XCTAssertEqual(complete("best_only=t"), ["best_only=true"])
        XCTAssertEqual(complete("val"), ["val=", "validation_split="])
    }

    func testEveryVerbListsOnlyKeysTheParserAccepts() {
        for verb in Verb.allCases {
            for key in Completion.optionKeys(for: verb) {
                let parsed = ScriptParser.parse("\(verb.rawValue) \(key)=1", file: "c.exp")
                XCTAssertFalse(parsed.diagnostics.contains { $0.message.hasPrefix("unknown option") }, "\(verb) \(key)")
            }
        }
    }

    func testEveryLayerKindListsOnlyKeysTheParserAccepts() {
        for kind in LayerKind.allCases {
            let head = kind == .bidirectional ? "bidirectional gru" : kind.rawValue
            let keys = Completion.optionKeys(for: kind) + (kind == .bidirectional ? Completion.optionKeys(for: .gru) : [])
            for key in keys {
                let parsed = ScriptParser.parse("model m\n\(head) \(key)=1\nend", file: "c.exp")
                XCTAssertFalse(parsed.diagnostics.contains { $0.message.hasPrefix("unknown option") }, "\(kind) \(key)")
            }
        }
    }
}

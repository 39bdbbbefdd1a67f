import Language
import XCTest

/// Wrong inputs and the exact diagnostics they give (location and message).
final class DiagnosticMessagesTests: XCTestCase {
    func testStatementErrors() {
        let table: [(String, String)] = [
            ("trian m on d.train", "1:1: unknown command 'trian' — did you mean 'train'?"),
            ("frobnicate", "1:1: unknown command 'frobnicate' (type 'help' for the list)"),
            ("lstm 100", "1:1: 'lstm' is a layer; layers go between 'model NAME' and 'end'"),
            ("end", "1:1: 'end' without an open 'model' block"),
            ("train m on d.train epoch=3", "1:20: unknown option 'epoch=' for 'train' — did you mean 'epochs='?"),
            ("train m on d.train epochs=abc", "1:27: expected a positive whole number for 'epochs=', got 'abc'"),
            ("train m on d.train epochs=0", "1:27: expected a positive whole number for 'epochs=', got '0'"),
            ("train m on d.train epochs=2.5", "1:27: expected a positive whole number for 'epochs=', got '2.5'"),
            ("train m on d.train batch=-64", "1:26: expected a positive whole number for 'batch=', got '-64'"),
            ("train m on d.train epochs=1 epochs=2", "1:29: 'epochs=' is given twice"),
            ("train m on d.trian", "1:14: unknown split 'trian' — did you mean 'train'?"),
            ("train m with d.train", "1:9: expected 'on', got 'with'"),
            ("train m", "1:8: expected 'on' after 'train' (see 'help train')"),
            ("train", "1:6: expected a model name after 'train' (see 'help train')"),
            ("train \"m\" on d.train", "1:7: expected a model name for 'train', got '\"m\"'"),
            ("summary m extra", "1:11: unexpected argument 'extra' for 'summary'"),
            ("compile m loss=binary_crossentropi", "1:16: unknown loss 'binary_crossentropi' — did you mean 'binary_crossentropy'?"),
            ("compile m optimizer=adamw", "1:21: unknown optimizer 'adamw' — did you mean 'adam'?"),
            ("compile m metrics=accuracy,aucc", "1:28: unknown metric 'aucc' — did you mean 'auc'?"),
            ("compile m optimizer=adam momentum=0.9", "1:26: 'momentum=' applies only with optimizer=sgd"),
            ("compile m lr=0", "1:14: expected a positive number for 'lr=', got '0'"),
            ("seed -1", "1:6: expected a whole number ≥ 0 for 'seed', got '-1'"),
            ("set threads=0", "1:13: expected a positive whole number for 'threads=', got '0'"),
            ("set", "1:4: expected a setting such as threads=2 after 'set' (see 'help set')"),
            ("split d train=0.8 val=0.3", "1:9: split fractions must add up to more than 0 and at most 1, got 1.1"),
            ("split d train=1.5", "1:15: expected a fraction between 0 and 1 for 'train=', got '1.5'"),
            ("split d", "1:8: expected fractions such as train=0.8 val=0.2 after 'split' (see 'help split')"),
            ("tokenize d padding=middle", "1:20: unknown padding 'middle'"),
            ("tokenize d oov=yes", "1:16: expected true or false for 'oov=', got 'yes'"),
            ("tokenize d like m words=10", "1:19: unknown option 'words=' for 'tokenize' (see 'help tokenize')"),
            ("tokenize d like", "1:16: expected a model name after 'tokenize' (see 'help tokenize')"),
            ("load d from \"x.csv\" formt=csv", "1:21: unknown option 'formt=' for 'load' — did you mean 'format='?"),
            ("load d from \"x.csv\" format=xls", "1:28: unknown format 'xls'"),
            ("load d from x.csv", "1:13: expected a file path in double quotes for 'load', got 'x.csv'"),
            ("load m from \"m.safetensors\" text=a", "1:29: unknown option 'text=' for 'load' (see 'help load')"),
            ("run experiments/x.exp", "1:16: unexpected character '/' (write paths in double quotes)"),
            ("echo hello", "1:6: expected a double-quoted string for 'echo', got 'hello'"),
            ("echo \"open", "1:6: unterminated string (missing closing '\"')"),
            ("echo \"tab\\t\"", "1:10: unknown escape '\\t' in string (only \\\" and \\\\ are escapes)"),
            ("seed 1e999", "1:6: number '1e999' is too large"),
            ("seed 12ab", "1:6: malformed number '12ab'"),
            ("seed 99999999999999999999", "1:6: expected a whole number ≥ 0 for 'seed', got '99999999999999999999'"),
            ("list @", "1:6: unexpected character '@'"),
            ("list ☃", "1:6: unexpected character '☃'"),
            ("show d n=", "1:10: expected a value after 'n='"),
            ("show d =5", "1:6: unknown option 'd=' for 'show' — did you mean 'n='?"),
            ("show d, n=5", "1:10: unexpected '='"),
            ("show d n=5 ,", "1:13: expected a list item after ','"),
            ("describe d.", "1:12: expected a split name (train, val or test) after 'd.'"),
            ("help trian", "1:6: unknown command 'trian' — did you mean 'train'?"),
            ("expect m val_aucc >= 0.8", "1:10: unknown metric 'val_aucc' — did you mean 'val_auc'?"),
            ("expect m accuracy 0.8", "1:19: expected a comparison (>=, <=, >, <, ==) for 'expect', got '0.8'"),
            ("expect m test val_loss < 1", "1:15: expected a metric without 'val_' for 'expect … test', got 'val_loss'"),
            ("expect m accuracy >= nan", "1:22: expected a number for 'expect', got 'nan'"),
            ("predict m \"x\" batch=8", "1:15: 'batch=' applies only with 'predict NAME on DATA.split'"),
            ("predict m \"x\" top=3", "1:15: 'top=' applies only with 'predict NAME on DATA.split'"),
            ("predict m on d.test", "1:20: expected 'to \"FILE.csv\"' or top=N after 'predict' (see 'help predict')"),
            ("predict m on d.test top=0", "1:25: expected a positive whole number for 'top=', got '0'"),
            ("plot a,b roc on d.test", "1:6: expected one model name for 'plot … roc', got 'a,b'"),
            ("plot m roc d.test", "1:12: expected 'on', got 'd.test'"),
        ]
        for (line, expected) in table {
            guard let diagnostic = diagnostic(line) else { continue }
            XCTAssertEqual("\(diagnostic.location.line):\(diagnostic.location.column): \(diagnostic.message)", expected, line)
        }
    }

    func testTrainingControlErrors() {
        let table: [(String, String)] = [
            ("train m on d.train val=d.val validation_split=0.1",
             "1:30: 'validation_split=' cannot be combined with 'val=': give one source of validation data"),
            ("train m on d.train validation_split=1", "1:37: expected a fraction in (0, 1) for 'validation_split=', got '1'"),
            ("train m on d.train validation_split=0", "1:37: expected a fraction in (0, 1) for 'validation_split=', got '0'"),
            ("train m on d.train reduce_lr=0.0", "1:30: expected a factor in (0, 1) for 'reduce_lr=', got '0.0'"),
            ("expect m test lr < 0.1", "1:15: expected a loss or metric for 'expect … test', got 'lr'"),
            ("train m on d.train class_weight=balance", "1:33: unknown class weighting 'balance' — did you mean 'balanced'?"),
            ("train m on d.train class_weight=0:1,3", "1:37: expected balanced or class:weight pairs such as 0:1,1:3 for 'class_weight=', got '3'"),
            ("train m on d.train class_weight=0:1,0:2", "1:37: 'class_weight=0:' is given twice"),
            ("train m on d.train class_weight=0:-1", "1:35: expected a weight ≥ 0 for 'class_weight=', got '-1'"),
            ("train m on d.train class_weight=0:", "1:35: expected a value after '0:'"),
            ("train m on d.train patience=2 monitor=val_aucc", "1:31: unknown history column 'val_aucc' — did you mean 'val_auc'?"),
            ("train m on d.train monitor=val_auc", "1:20: 'monitor=' applies only with patience=, reduce_lr= or best_only=true"),
            ("train m on d.train patience=2 mode=maxx", "1:36: unknown mode 'maxx' — did you mean 'max'?"),
            ("train m on d.train patience=2 min_delta=-0.1", "1:41: expected a number ≥ 0 for 'min_delta=', got '-0.1'"),
            ("train m on d.train reduce_lr=1.5", "1:30: expected a factor in (0, 1) for 'reduce_lr=', got '1.5'"),
            ("train m on d.train reduce_patience=2", "1:20: 'reduce_patience=' applies only with reduce_lr="),
            ("train m on d.train min_lr=0.001", "1:20: 'min_lr=' applies only with reduce_lr="),
            ("train m on d.train lr_schedule=linear", "1:32: unknown learning-rate schedule 'linear'"),
            ("train m on d.train lr_schedule=cosine", "1:20: expected decay_steps=N (optimizer steps) after 'lr_schedule=cosine'"),
            ("train m on d.train lr_schedule=exponential decay_steps=100",
             "1:20: expected decay_rate=R after 'lr_schedule=exponential'"),
            ("train m on d.train lr_schedule=cosine decay_steps=10 decay_rate=0.9",
             "1:54: 'decay_rate=' applies only with lr_schedule=exponential"),
            ("train m on d.train alpha=0.1", "1:20: 'alpha=' applies only with lr_schedule=cosine"),
            ("train m on d.train reduce_lr=0.5 lr_schedule=cosine decay_steps=10",
             "1:34: 'lr_schedule=' cannot be combined with 'reduce_lr=': a schedule sets the rate at every step, so a plateau cannot lower it"),
            ("train m on d.train best_only=true", "1:20: 'best_only=' applies only with checkpoint=\"FILE\""),
            ("train m on d.train checkpoint_every=100", "1:20: 'checkpoint_every=' applies only with checkpoint=\"FILE\""),
            ("train m on d.train checkpoint=\"c.safetensors\" best_only=true checkpoint_every=10",
             "1:62: 'checkpoint_every=' cannot be combined with 'best_only=': a save within an epoch would replace the best epoch's"),
            ("train m on d.train shuffle=false shuffle_buffer=1000",
             "1:34: 'shuffle_buffer=' cannot be combined with 'shuffle=': shuffle=false keeps file order; a shuffle buffer shuffles"),
            ("train m on d.train shuffle_buffer=0", "1:35: expected a positive whole number for 'shuffle_buffer=', got '0'"),
            ("train m on d.train log=runs", "1:24: expected a double-quoted string for 'log=', got 'runs'"),
            ("train m on d.train clipnorm=0", "1:29: expected a positive number for 'clipnorm=', got '0'"),
            ("compile m clipvalue=-1", "1:21: expected a positive number for 'clipvalue=', got '-1'"),
            ("train m on d.train class_weight=0:1 x:y", "1:37: unexpected argument 'x:y' for 'train'"),
        ]
        for (line, expected) in table {
            guard let diagnostic = diagnostic(line) else { continue }
            XCTAssertEqual("\(diagnostic.location.line):\(diagnostic.location.column): \(diagnostic.message)", expected, line)
        }
    }

    func testLayerErrors() {
        let table: [(String, String)] = [
            ("lstn 100", "2:1: unknown layer 'lstn' — did you mean 'lstm'?"),
            ("denze 1", "2:1: unknown layer 'denze' — did you mean 'dense'?"),
            ("transformer 4", "2:1: unknown layer 'transformer' (see 'help model')"),
            ("dropout 1.5", "2:9: expected a rate in [0, 1) for dropout rate, got '1.5'"),
            ("dropout 1", "2:9: expected a rate in [0, 1) for dropout rate, got '1'"),
            ("dropout", "2:8: expected rate after 'dropout' (see 'help dropout')"),
            ("dense -3", "2:7: expected a positive whole number for dense units, got '-3'"),
            ("dense 1 sigmod", "2:9: unknown activation 'sigmod' — did you mean 'sigmoid'?"),
            ("dense 1 sigmoid activation=relu", "2:17: 'activation' is given twice"),
            ("dense 1 sigmoid extra", "2:17: unexpected argument 'extra' for 'dense'"),
            ("lstm 32 return_sequence=true", "2:9: unknown option 'return_sequence=' for 'lstm' — did you mean 'return_sequences='?"),
            ("lstm 32 recurrent_activation=relu", "2:30: unknown recurrent activation 'relu'"),
            ("conv1d 250", "2:11: expected kernel_size after 'conv1d' (see 'help conv1d')"),
            ("gru", "2:4: expected units after 'gru' (see 'help gru')"),
            ("gru 32 reset_after=maybe", "2:20: expected true or false for 'reset_after=', got 'maybe'"),
            ("lstm 32 dropout=1", "2:17: expected a rate in [0, 1) for 'dropout=', got '1'"),
            ("simplernn 8 recurrent_dropot=0.2", "2:13: unknown option 'recurrent_dropot=' for 'simplernn' — did you mean 'recurrent_dropout='?"),
            ("bidirectional", "2:14: expected lstm, gru or simplernn after 'bidirectional' (see 'help bidirectional')"),
            ("bidirectional dense 4", "2:15: expected lstm, gru or simplernn for 'bidirectional', got 'dense'"),
            ("bidirectional lstm 4 merge_mode=avg", "2:33: unknown merge mode 'avg' — did you mean 'ave'?"),
            ("bidirectional lstm 4 merge_mod=sum", "2:22: unknown option 'merge_mod=' for 'lstm' — did you mean 'merge_mode='?"),
            ("spatialdropout1d 1", "2:18: expected a rate in [0, 1) for spatialdropout1d rate, got '1'"),
            ("conv1d 250 3 padding=causal", "2:22: unknown padding 'causal'"),
            ("embedding 20000", "2:16: expected output_dim after 'embedding' (see 'help embedding')"),
            ("model inner", "2:1: 'model' inside the block of 'm'; close it with 'end' first"),
            ("flatten 2", "2:9: unexpected argument '2' for 'flatten'"),
            ("input 0", "2:7: expected a positive whole number for input length, got '0'"),
        ]
        for (line, expected) in table {
            let parsed = ScriptParser.parse("model m\n\(line)\ndense 1 sigmoid\nend", file: "t.exp")
            XCTAssertEqual(parsed.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }, [expected], line)
            XCTAssertEqual(parsed.commands, [], "a script block with an error defines no model: \(line)")
        }
    }

    func testBlockStructureErrors() {
        let unclosed = ScriptParser.parse("seed 1\nmodel m\ndense 1", file: "t.exp")
        XCTAssertEqual(unclosed.diagnostics, [Diagnostic(.missingEnd(model: "m"), at: SourceLocation(file: "t.exp", line: 2, column: 1))])
        let empty = ScriptParser.parse("model m\nend", file: "t.exp")
        XCTAssertEqual(empty.diagnostics.map(\.message), ["model 'm' has no layers"])
        let twice = ScriptParser.parse("model m\ninput 10\nembedding 5 2 input_length=12\nend", file: "t.exp")
        XCTAssertEqual(twice.diagnostics.map(\.message), ["the input length is given twice"])
    }

    func testAScriptCollectsOneDiagnosticPerBadLineAndKeepsGoodCommands() {
        let parsed = ScriptParser.parse("seed x\nlist\ntrian m\nmodel m\nlstn 4\ndense 1\nend\nsummary m", file: "t.exp")
        XCTAssertEqual(parsed.diagnostics.map(\.location.line), [1, 3, 5])
        XCTAssertEqual(parsed.commands.map(\.command), [.list, .summary(model: "m")])
    }
}

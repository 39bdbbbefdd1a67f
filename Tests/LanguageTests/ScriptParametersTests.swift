import Foundation
@testable import Language
import XCTest

/// `param NAME=VALUE`, `$NAME` and `lab run x.exp NAME=VALUE` (the seed's `parse_args`).
final class ScriptParametersTests: XCTestCase {
    private func parse(_ source: String, _ overrides: [String: String] = [:]) -> ParsedScript {
        ScriptParser.parse(source, file: "t.exp", parameters: ScriptParameters(overrides: overrides))
    }

    private func messages(_ script: ParsedScript) -> [String] {
        script.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.problem.message)" }
    }

    private let script = """
        param epochs=2 batch=8 opt=adam name="runs/a.csv"
        model m
          embedding 100 $batch
          dense 1 sigmoid
        end
        compile m optimizer=$opt
        train m on r.train epochs=$epochs batch=$batch log=$name
        """

    func testDefaultsStandInForEachUse() throws {
        let parsed = parse(script)
        XCTAssertEqual(messages(parsed), [])
        guard case .train(_, let options) = parsed.commands.last?.command else { return XCTFail("no train") }
        XCTAssertEqual(options.fit.epochs, 2)
        XCTAssertEqual(options.fit.batchSize, 8)
        XCTAssertEqual(options.fit.log, "runs/a.csv")
        guard case .model(_, let definition) = parsed.commands[1].command else { return XCTFail("no model") }
        XCTAssertEqual(definition.layers.first, .embedding(inputDim: 100, outputDim: 8))
    }

    func testOverridesWinAndKeepTheDefaultsKind() throws {
        let parsed = parse(script, ["epochs": "5", "opt": "sgd", "name": "runs/b c.csv"])
        XCTAssertEqual(messages(parsed), [])
        guard case .param(let values) = parsed.commands.first?.command else { return XCTFail("no param") }
        XCTAssertEqual(values.map(\.text), ["5", "8", "sgd", "\"runs/b c.csv\""])
        XCTAssertEqual(values.map(\.isGiven), [true, false, true, true])
        guard case .train(_, let options) = parsed.commands.last?.command else { return XCTFail("no train") }
        XCTAssertEqual(options.fit.epochs, 5)
        XCTAssertEqual(options.fit.log, "runs/b c.csv")
        guard case .compile(_, let compile) = parsed.commands[2].command else { return XCTFail("no compile") }
        XCTAssertEqual(compile.optimizer, .sgd())
    }

    func testMistakesAreLocated() {
        XCTAssertEqual(messages(parse("param epochs=2\ntrain m on r.train epochs=$epoch")),
                       ["2:27: unknown parameter '$epoch' — did you mean '$epochs'?"])
        XCTAssertEqual(messages(parse("train m on r.train epochs=$epochs\nparam epochs=2")),
                       ["1:27: unknown parameter '$epochs' (declare it first: param epochs=…)"])
        XCTAssertEqual(messages(parse("param epochs=2", ["epocs": "3"])),
                       ["1:1: t.exp declares no parameter 'epocs' — did you mean 'epochs'?"])
        XCTAssertEqual(messages(parse("echo \"x\"", ["epochs": "3"])),
                       ["1:1: t.exp declares no parameter 'epochs' (it has no param line)"])
        XCTAssertEqual(messages(parse("param epochs=2", ["epochs": "ten"])),
                       ["1:1: 'epochs=ten' from the command line is not a number, as the default 2 is"])
        XCTAssertEqual(messages(parse("param a=1\nparam a=2")), ["2:1: parameter 'a' is declared twice"])
        XCTAssertEqual(messages(parse("param")), ["1:6: expected NAME=VALUE after 'param' (see 'help param')"])
        XCTAssertEqual(messages(parse("param a=1, b=2")), ["1:10: unexpected ','"])
        XCTAssertEqual(messages(parse("param a=reviews.train")), ["1:16: unexpected '.'"])
        // A value of the wrong type reads as the value, at the $ that stood for it.
        XCTAssertEqual(messages(parse("param e=fast\ntrain m on r.train epochs=$e")),
                       ["2:27: expected a positive whole number for 'epochs=', got 'fast'"])
    }

    func testCommandLineArgumentsMustBeNameEqualsValue() {
        XCTAssertEqual(try ScriptParameters.overrides(from: ["epochs=3", "name=a=b", "empty="]),
                       ["epochs": "3", "name": "a=b", "empty": ""])
        XCTAssertThrowsError(try ScriptParameters.overrides(from: ["epochs"])) {
            XCTAssertEqual(($0 as? ParameterError)?.description, "'epochs' is not a script parameter NAME=VALUE")
        }
        XCTAssertThrowsError(try ScriptParameters.overrides(from: ["a=1", "a=2"])) {
            XCTAssertEqual(($0 as? ParameterError)?.description, "parameter 'a' is given twice")
        }
        XCTAssertThrowsError(try ScriptParameters.overrides(from: ["-x=1"]))
    }

    /// `lab check` sees the values in force: an override can make a script wrong or right.
    func testTheCheckerSeesTheValuesInForce() {
        let source = """
            param words=5000
            load r from "\(RepositoryPaths.root)/data/sentences/amazon_cells_labelled.txt"
            split r train=0.8 val=0.2
            tokenize r words=$words maxlen=20
            model m
              embedding 1000 8
              globalaveragepool1d
              dense 1 sigmoid
            end
            train m on r.train
            """
        var checker = Checker()
        XCTAssertEqual(checker.check(parse(source)).map(\.problem.message),
                       ["r keeps token ids up to 4999 but m's embedding takes 0..<1000; use words=1000 or a larger embedding"])
        var again = Checker()
        XCTAssertEqual(again.check(parse(source, ["words": "1000"])), [])
    }

    /// `lab run x.exp NAME=VALUE` end to end: the run prints the values in force and uses them.
    func testLabRunTakesParametersAfterTheScript() throws {
        let path = try LabProcess.script("param greeting=\"hello\" times=2\necho $greeting\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try LabProcess.pipe("", arguments: ["run", path, "greeting=good day"])
        XCTAssertEqual(run.errors, "")
        XCTAssertEqual(run.output, "param greeting=\"good day\" (given) times=2\ngood day\n")
        let bad = try LabProcess.pipe("", arguments: ["run", path, "greting=x"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.errors.contains("declares no parameter 'greting' — did you mean 'greeting'?"), bad.errors)
    }
}

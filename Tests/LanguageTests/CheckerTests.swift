import Language
import XCTest

/// `lab check` on models with the recurrent variants: good stacks pass, a bad one is reported on its line.
final class CheckerTests: XCTestCase {
    func testRecurrentVariantsAreCheckedLikeOtherLayers() {
        let script = """
        model m
          input 50
          embedding 1000 100
          spatialdropout1d 0.2
          bidirectional lstm 64 return_sequences=true merge_mode=sum
          gru 32 dropout=0.2 recurrent_dropout=0.2 return_sequences=true
          simplernn 8
          dense 3 softmax
        end
        model bad
          input 50
          embedding 1000 8
          flatten
          bidirectional gru 4
          dense 1 sigmoid
        end
        """
        var checker = Checker()
        let problems = checker.check(ScriptParser.parse(script, file: "c.exp"))
        XCTAssertEqual(problems.map { "\($0.location.line):\($0.location.column): \($0.message)" },
                       ["14:3: bidirectional expects (batch, steps, features) but gets (batch, 400)"])
    }
}

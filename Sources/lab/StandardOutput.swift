import Foundation
import Language

/// The consoles of the executable: standard output and standard error.
enum StandardOutput {
    /// Standard output, unbuffered so progress lines appear as they are written.
    static var console: Console {
        Console(isTerminal: isatty(STDOUT_FILENO) != 0) { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Writes diagnostics to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

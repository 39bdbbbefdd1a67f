import Foundation
import Training

/// Ctrl-C outside the prompt: the first press asks training to stop after its
/// current batch (`InterruptFlag.shared`); a second press before training has
/// taken the first ends lab at once with status 130, as a shell would, after
/// ending the line the terminal echoed `^C` on, so the shell's prompt starts
/// on a fresh line.
enum InterruptHandler {
    /// Whether standard output is a terminal, read once before the handler can run.
    nonisolated(unsafe) private static var outputIsTerminal = false

    static func install() {
        outputIsTerminal = isatty(STDOUT_FILENO) != 0
        signal(SIGINT) { _ in
            if InterruptFlag.shared.isRequested {
                if InterruptHandler.outputIsTerminal { _ = write(STDOUT_FILENO, "\n", 1) }
                _exit(130)
            }
            InterruptFlag.shared.request()
        }
    }
}

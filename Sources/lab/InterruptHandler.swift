import Foundation
import Training

/// Ctrl-C outside the prompt: the first press asks training to stop after its
/// current batch (`InterruptFlag.shared`); a second press before training has
/// taken the first ends lab at once with status 130, as a shell would.
enum InterruptHandler {
    static func install() {
        signal(SIGINT) { _ in
            if InterruptFlag.shared.isRequested { _exit(130) }
            InterruptFlag.shared.request()
        }
    }
}

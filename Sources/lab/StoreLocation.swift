import Foundation
import Language

/// Where a `lab` process records its runs: `LAB_STORE` (a path, or `off`) when set, else
/// `runs/lab.sqlite` in `folder` (the script's folder; the working folder for the REPL).
/// A script's `set store=` overrides either.
enum StoreLocation {
    static func configure(_ session: Session, folder: String) {
        switch ProcessInfo.processInfo.environment["LAB_STORE"] {
        case "off"?: session.store = .off
        case let path? where !path.isEmpty: session.store = .path(path)
        default: session.defaultStorePath = (folder.isEmpty ? "" : folder + "/") + "runs/lab.sqlite"
        }
    }
}

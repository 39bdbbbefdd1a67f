/// lab's version, recorded with every run and printed by `lab --version`.
public enum LabVersion {
    public static let current = "0.1.0"
}

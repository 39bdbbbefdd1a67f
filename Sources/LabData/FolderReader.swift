import Foundation

/// Reads a folder of class subfolders of `.txt` files, as the IMDB `aclImdb/train` layout (`pos/`, `neg/`).
///
/// Each subfolder (except `unsup`) that holds `.txt` files is a class named after it;
/// there must be at least two, so an arbitrary folder (a source tree, a home folder) is
/// not taken for a dataset, and subfolders without `.txt` files are reported as ignored.
/// Each `.txt` file is one text, read as Python's text mode does (`\r\n` and `\r` become `\n`).
/// Folders and files are taken in sorted order, as Keras's
/// `text_dataset_from_directory` lists them, so `neg` → 0 and `pos` → 1.
/// Files with invalid UTF-8 or NUL bytes are dropped and reported by path.
enum FolderReader {
    /// Reads the folder at `path`.
    /// - Throws: `DataError.malformed` when fewer than two subfolders hold `.txt` files.
    static func read(path: String, options: LoadOptions) throws -> Dataset {
        let fm = FileManager.default
        let folders = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted().filter { name in
            var isDir: ObjCBool = false
            return name != "unsup" && !name.hasPrefix(".")
                && fm.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &isDir) && isDir.boolValue
        }
        func holdsTexts(_ name: String) -> Bool {
            let dir = (path as NSString).appendingPathComponent(name)
            return ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).contains { $0.hasSuffix(".txt") }
        }
        let classes = folders.filter(holdsTexts)
        guard classes.count >= 2 else {
            throw DataError.malformed(path: path, line: nil, reason: "a folder of texts needs at least two class subfolders (pos/, neg/) "
                                      + "holding .txt files; found \(classes.isEmpty ? "none" : classes.joined(separator: ", "))")
        }
        var rows = RowCollector(source: path, limit: options.limit)
        let ignored = folders.filter { !classes.contains($0) }
        if !ignored.isEmpty { rows.remark("ignored subfolders without .txt files: " + ignored.joined(separator: ", ")) }
        outer: for label in classes {
            let dir = (path as NSString).appendingPathComponent(label)
            let names = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
            for name in names {
                if rows.isFull { break outer }
                let file = (dir as NSString).appendingPathComponent(name)
                let data: Data
                do { data = try FileBytes.read(file) } catch {
                    rows.drop(line: nil, RowProblem("unreadable file", detail: file)); continue
                }
                let decoded: Result<String, RowProblem> = data.withUnsafeBytes { raw in
                    let b = raw.bindMemory(to: UInt8.self)
                    let body = UnsafeBufferPointer(rebasing: b[TextBytes.bomLength(b)...])
                    return TextBytes.normalizingLineBreaks(body).withUnsafeBufferPointer { TextBytes.decode($0) }
                }
                switch decoded {
                case .failure(let p): rows.drop(line: nil, RowProblem(p.reason, detail: file))
                case .success(let text): rows.add(text: text, label: label, line: 0)
                }
            }
        }
        return try rows.dataset(options: options)
    }
}

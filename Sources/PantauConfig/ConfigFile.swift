import Foundation
import PantauCore

/// Reading a configuration file (a layout, a sources file) as text: a file that cannot be read
/// says why, and one that is not UTF-8 says where its first bad byte is.
public enum ConfigFile {
    /// The text of the file at `path`, or what is wrong with it, named `file` in the problem.
    public static func read(path: String, file: String) -> Result<String, FileProblem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(FileProblem(file: file, line: 1, column: 1, message: "cannot read the file: \(unreadableReason(path))"))
        }
        return text(of: data, file: file)
    }

    /// `data` as UTF-8 text, or the line and column of its first byte that is not UTF-8.
    public static func text(of data: Data, file: String) -> Result<String, FileProblem> {
        var bytes = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0, line = 1, column = 1
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let encoded):
                offset += encoded.count
                if encoded.count == 1 && encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error(let length):
                let shown = data.dropFirst(offset).prefix(max(1, length)).map { String(format: "0x%02X", $0) }.joined(separator: " ")
                return .failure(FileProblem(file: file, line: line, column: column,
                                            message: "not UTF-8 text: \(shown) is not a UTF-8 character (save the file as UTF-8)"))
            case .emptyInput:
                return .success(String(decoding: data, as: UTF8.self))
            }
        }
    }

    private static func unreadableReason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        return FileManager.default.isReadableFile(atPath: path) ? "reading it failed" : "permission denied"
    }
}

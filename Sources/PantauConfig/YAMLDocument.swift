import PantauCore
import Yams

/// The first step of reading a configuration file (a layout, a sources file): its YAML as a
/// node tree, whose nodes keep their line and column for the checks that follow, or the syntax
/// error as a ``FileProblem`` at its place, in plain words rather than libyaml's.
public enum YAMLDocument {
    /// The nodes of `yaml` (nil for an empty document), or what is wrong with it, named `file`.
    public static func compose(_ yaml: String, file: String) -> Result<Node?, FileProblem> {
        do {
            return .success(try Yams.compose(yaml: yaml))
        } catch let e as YamlError {
            switch e {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                return .failure(FileProblem(file: file, line: mark.line, column: mark.column,
                                            message: "YAML: \(plainWords(problem))"))
            case .duplicatedKeysInMapping(let duplicates, let context):
                let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
                return .failure(FileProblem(file: file, line: context.mark.line, column: context.mark.column,
                                            message: "YAML: \(keys) given twice in one mapping; keep one"))
            case .reader(let problem, let offset, _, let yaml):
                let (line, column) = position(ofCharacter: offset ?? 0, in: yaml)
                return .failure(FileProblem(file: file, line: line, column: column, message: "YAML: \(plainWords(problem))"))
            case .memory:
                return .failure(FileProblem(file: file, line: 1, column: 1, message: "YAML: out of memory reading the file"))
            default:
                return .failure(FileProblem(file: file, line: 1, column: 1, message: "YAML: the file cannot be read as YAML"))
            }
        } catch {
            return .failure(FileProblem(file: file, line: 1, column: 1, message: "YAML: the file cannot be read as YAML"))
        }
    }

    /// The deepest nesting of lists and mappings libyaml reads (its `MAX_NESTING_LEVEL`).
    public static let maximumNesting = 1000

    /// libyaml's problem texts that name its internals or say little, in plain words; the others
    /// are plain enough as they are (`did not find expected key`).
    static func plainWords(_ problem: String) -> String {
        let replacements: [(String, String)] = [
            ("Maximum nesting level reached", "lists and mappings nested more than \(maximumNesting) deep"),
            ("found character that cannot start any token",
             "a character that cannot start a value here (a tab, or one of @ ` %); quote the text"),
            ("mapping values are not allowed in this context",
             "a `:` that YAML reads as a new key here; quote a text that holds \": \", or check the indentation"),
            ("found a tab character", "a tab in the indentation; indent with spaces"),
            ("found undefined alias", "an alias (`*name`) with no anchor (`&name`) before it"),
            ("but found another document", "a second document (`---`); the file holds one"),
            ("found unexpected end of stream", "the file ends inside a quoted text or an open [ or {"),
            ("did not find expected ',' or ']'", "a list in [ ] that is not closed, or whose items are not separated by commas"),
            ("did not find expected ',' or '}'", "a mapping in { } that is not closed, or whose entries are not separated by commas"),
            ("control characters are not allowed", "a control character, which YAML does not allow in text"),
        ]
        return replacements.first(where: { problem.hasPrefix($0.0) })?.1 ?? problem
    }

    /// The 1-based line and column of the `offset`-th character of `text`.
    static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for c in text.prefix(max(0, offset)) {
            if c == "\n" || c == "\r\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

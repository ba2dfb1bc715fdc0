import PantauCore
import Yams

/// The first step of reading a configuration file (a layout, a sources file): its YAML as a
/// node tree, whose nodes keep their line and column for the checks that follow, or the syntax
/// error as a ``FileProblem`` at its place.
public enum YAMLDocument {
    /// The nodes of `yaml` (nil for an empty document), or what is wrong with it, named `file`.
    public static func compose(_ yaml: String, file: String) -> Result<Node?, FileProblem> {
        do {
            return .success(try Yams.compose(yaml: yaml))
        } catch let e as YamlError {
            switch e {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                return .failure(FileProblem(file: file, line: mark.line, column: mark.column, message: "YAML: \(problem)"))
            case .duplicatedKeysInMapping(let duplicates, let context):
                let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
                return .failure(FileProblem(file: file, line: context.mark.line, column: context.mark.column,
                                            message: "YAML: \(keys) given twice in one mapping; keep one"))
            default:
                return .failure(FileProblem(file: file, line: 1, column: 1, message: "YAML: \(e)"))
            }
        } catch {
            return .failure(FileProblem(file: file, line: 1, column: 1, message: "YAML: \(error)"))
        }
    }
}

import PantauConfig
import PantauUI

extension Dashboard {
    /// Takes what the desk file sets on screen: the disposition codes resolve offers. (Its
    /// response targets are not set yet: with them the incidents pane trades its district
    /// column for response times, which the existing screens and their tests do not expect.)
    mutating func take(_ desk: DeskConfig) {
        dispositions = desk.dispositions.map { (code: $0.code, label: $0.label) }
    }
}

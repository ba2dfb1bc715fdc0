import PantauConfig
import PantauUI

extension Dashboard {
    /// Takes what the desk file sets on screen: the disposition codes resolve offers and the
    /// response targets the incidents pane's Resp column, its "· N late" title and the detail
    /// view's timers measure against.
    mutating func take(_ desk: DeskConfig) {
        dispositions = desk.dispositions.map { (code: $0.code, label: $0.label) }
        targets = desk.targets
    }
}

import CNcurses
import PantauUI

/// Turns what `wget_wch` returns into ``Key`` values. ncurses' `KEY_*` codes are read once
/// through the C shim; the tables are plain values afterwards.
struct KeyDecoder {
    /// `KEY_RESIZE`: the terminal changed size (ncurses has already resized its screens).
    let resizeCode: UInt32
    /// `KEY_MOUSE`: a mouse event is waiting for `getmouse`.
    let mouseCode: UInt32
    private let functionKeys: [UInt32: Key]

    init() {
        resizeCode = pantau_key_resize()
        mouseCode = pantau_key_mouse()
        functionKeys = [
            pantau_key_up(): .up,
            pantau_key_down(): .down,
            pantau_key_left(): .left,
            pantau_key_right(): .right,
            pantau_key_ppage(): .pageUp,
            pantau_key_npage(): .pageDown,
            pantau_key_home(): .home,
            pantau_key_end(): .end,
            pantau_key_enter(): .enter,
            pantau_key_btab(): .backTab,
            pantau_key_backspace(): .backspace,
            pantau_key_dc(): .delete,
            // Keypad corners, and Find/Select which some terminals send for Home/End.
            pantau_key_a1(): .home,
            pantau_key_c1(): .end,
            pantau_key_a3(): .pageUp,
            pantau_key_c3(): .pageDown,
            pantau_key_find(): .home,
            pantau_key_select(): .end,
        ]
    }

    /// The key for a `KEY_*` function-key code, or nil for keys the dashboard does not use.
    func functionKey(_ code: UInt32) -> Key? {
        functionKeys[code]
    }

    /// The key for a character code: Tab, Enter (CR or LF), Escape and Backspace (DEL or
    /// BS) have their own cases; other control characters (Ctrl-L is `"\u{0C}"`) and all
    /// printable characters come as ``Key/char(_:)``. NUL, C1 controls and invalid scalars
    /// give nil.
    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }
}

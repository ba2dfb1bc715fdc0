import CNcurses
import PantauUI

/// Owns the terminal while the dashboard runs: puts it in full-screen mode, draws
/// ``CellGrid`` frames, and turns input and signals into ``Key`` values.
///
/// Not thread-safe: make every call on one thread (the main thread). Only one screen can
/// be active at a time; ``restore()`` (or deinit) hands the terminal back.
///
/// Ctrl-C, `SIGTERM`, `SIGHUP`, `SIGUSR1`, `SIGUSR2`, `SIGALRM`, `SIGVTALRM` (and a `SIGPIPE`
/// sent with kill) do not kill the process at once: they wake ``waitForKeys(timeout:wakeFD:)``
/// and set ``interrupted``, so the caller can shut down cleanly, call ``restore()``, and then
/// ``ProcessSignals/endIfInterrupted()`` to die by that signal (status 128+n). A second such
/// signal before the loop has acted restores the terminal and ends the process at once.
/// If the process exits or crashes while the screen is active, the hooks installed by
/// ``restoreOnCrash()`` give the terminal back anyway. While the screen is up, stderr (when
/// it is the terminal) is kept in a file and its tail shown after the restore, so nothing
/// written there draws over the dashboard or is lost with the alternate screen.
public final class TerminalScreen {
    /// Keys drained per ``waitForKeys(timeout:wakeFD:)`` call before the rest is left for
    /// the next call (a huge paste must not starve drawing).
    private static let maxKeysPerWait = 1024

    private var active = false
    private var lastGrid: CellGrid?
    private var lastScreenSize = (width: 0, height: 0)
    private var needsFullRedraw = true
    private var needsClear = false
    /// More keys may already be buffered inside ncurses (the drain stopped at its limit).
    private var pendingInput = false

    private let keyDecoder = KeyDecoder()
    private let colorMapper: ColorMapper
    private var pairs: ColorPairAllocator
    private var resolvedStyles: [Style: (attrs: attr_t, pair: Int32)] = [:]
    private let attrBold = pantau_attr_bold()
    private let attrDim = pantau_attr_dim()
    private let attrUnderline = pantau_attr_underline()
    private let attrReverse = pantau_attr_reverse()
    private let attrBlink = pantau_attr_blink()
    private let attrItalic = pantau_attr_italic()
    /// Shown for a character the terminal cannot display in its cell: U+FFFD, or `?`
    /// when the locale cannot show it.
    private let replacement: UInt32

    /// Takes over the terminal: sets the locale from the environment, starts ncurses on
    /// stdin/stdout (cbreak, no echo, keypad decoding, hidden cursor, 25 ms Escape delay),
    /// colours with the terminal's default colours when available, mouse reports for
    /// button-1 presses and the wheel, and the signal handling described on the type.
    ///
    /// - Throws: ``TerminalError`` when stdin/stdout are not a usable terminal, another
    ///   screen is active, or ncurses cannot start.
    public init() throws {
        guard TerminalCheck.isInteractive() else { throw TerminalError.notInteractive }
        guard pantau_is_active() == 0 else { throw TerminalError.alreadyActive }

        pantau_setlocale()
        TerminalScreen.restoreOnCrash()
        pantau_save_tty()
        // Before newterm, so ncurses leaves SIGINT/SIGTERM to us.
        guard pantau_install_interrupt_handlers() == 0 else { throw TerminalError.signalSetupFailed }
        guard pantau_start_screen() == 0 else {
            pantau_remove_signal_handlers()
            let term = pantau_term_name().map { String(cString: $0) } ?? ""
            throw TerminalError.cannotInitialize(term: term)
        }
        pantau_set_active(1)
        active = true
        // After newterm, so our SIGWINCH wake-up chains to ncurses' resize handling.
        pantau_install_winch_handler()
        pantau_configure_screen(25)

        let colorSupport = pantau_start_color()
        let defaultColors = colorSupport == 2
        colorMapper = ColorMapper(colors: colorSupport > 0 ? Int(pantau_colors()) : 0, defaultColors: defaultColors)
        // Only a terminal with colour has pairs to hand out; never more than its COLOR_PAIRS.
        pairs = ColorPairAllocator(maxPair: colorSupport > 0 ? Int(pantau_max_pair()) : 0, defaultColors: defaultColors)

        let mouse = pantau_enable_mouse() != 0
        pantau_prepare_crash_restore(mouse ? 1 : 0)
        pantau_capture_stderr()

        replacement = pantau_wcwidth(0xFFFD) == 1 ? 0xFFFD : 0x3F
        lastScreenSize = (Int(pantau_cols()), Int(pantau_lines()))
    }

    deinit {
        restore()
    }

    /// Installs the process-wide safety nets (once; ``init()`` calls this itself): an
    /// `atexit` hook that ends curses if a screen is still active when the process exits,
    /// and handlers for fatal signals (`SIGSEGV`, `SIGBUS`, `SIGILL` — a Swift runtime trap or
    /// `fatalError` —, `SIGFPE`, `SIGABRT`, `SIGTRAP`, `SIGQUIT`, `SIGSYS`, `SIGXCPU`,
    /// `SIGXFSZ`) that restore the saved terminal modes and reset sequences, print one line
    /// on stderr and die by the signal (status 128+n). Swift's backtracer runs in between only
    /// when `SWIFT_BACKTRACE` contains `interactive=no`: its interactive mode would wait
    /// 30 seconds and then let the process run on.
    public static func restoreOnCrash() {
        pantau_install_restore_on_crash()
    }

    /// The bytes a crash writes to give a terminal of type `term` back (see ``restoreOnCrash()``),
    /// from its terminfo entry: nil if terminfo does not know `term`. Does not touch the
    /// terminal; for tests and diagnosis.
    public static func restoreSequence(forTerm term: String, mouse: Bool) -> [UInt8]? {
        var buffer = [CChar](repeating: 0, count: 512)
        let length = pantau_restore_sequence_for(term, mouse ? 1 : 0, &buffer, buffer.count)
        guard length >= 0 else { return nil }
        return buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }
    }

    /// The terminal's size in cells, current after a ``Key/resize`` has been returned.
    public var size: (width: Int, height: Int) {
        guard active else { return lastScreenSize }
        return (Int(pantau_cols()), Int(pantau_lines()))
    }

    /// How many colours the terminal shows (``ColorDepth/none`` without colour), so the
    /// runner can pick a theme that does not rely on colour there.
    public var colorDepth: ColorDepth { colorMapper.depth }

    /// True once `SIGINT` (Ctrl-C), `SIGTERM` or another interrupt (see the type) arrived, or
    /// `SIGHUP` / the terminal went away. Check it after ``waitForKeys(timeout:wakeFD:)`` returns.
    public var interrupted: Bool {
        pantau_interrupt_signal() != 0
    }

    // MARK: - Drawing

    /// Draws `grid` from the top-left corner. Only cells that differ from the previously
    /// presented grid are written (see ``FrameDiff``; everything on the first frame, after a
    /// size change or ``invalidate()``), then the terminal is refreshed. Parts of the grid beyond the
    /// screen are clipped; screen area beyond the grid is left blank.
    ///
    /// Colour pairs are allocated lazily per (foreground, background) and cached; palette
    /// colours the terminal lacks are mapped to the nearest it has (see ``ColorMapper``); when
    /// pairs run out, or the terminal has no colour, styles are drawn with attributes only.
    /// A wide cell (width 2) is written once and
    /// fills two columns; continuation cells (width 0) are not written.
    public func present(_ grid: CellGrid) {
        guard active else { return }
        let screenWidth = Int(pantau_cols())
        let screenHeight = Int(pantau_lines())
        var full = needsFullRedraw
        if let last = lastGrid {
            if last.width != grid.width || last.height != grid.height
                || screenWidth != lastScreenSize.width || screenHeight != lastScreenSize.height {
                full = true
            }
        } else {
            full = true
        }
        if full { pantau_erase() }
        if needsClear {
            pantau_clear_on_next_refresh()
            needsClear = false
        }

        FrameDiff.forEachWrite(from: full ? nil : lastGrid, to: grid, screenWidth: screenWidth, screenHeight: screenHeight,
                               replacement: replacement, columns: columns(of:)) { w in
            put(w.value, style: w.style, x: w.x, y: w.y)
        }

        lastGrid = grid
        lastScreenSize = (screenWidth, screenHeight)
        needsFullRedraw = false
        pantau_refresh()
        pantau_trim_stderr_capture()
    }

    /// Forces the next ``present(_:)`` to redraw everything and repaint the terminal from
    /// scratch (after a resize, or for Ctrl-L when the display got garbled).
    public func invalidate() {
        needsFullRedraw = true
        needsClear = true
    }

    /// Rings the terminal's bell (an alarm): ncurses' `beep()`, which flashes instead on a
    /// terminal without a bell.
    public func bell() {
        guard active else { return }
        pantau_beep()
    }

    /// Flashes the screen (an alarm): ncurses' `flash()`, which rings instead on a terminal
    /// that cannot flash.
    public func flash() {
        guard active else { return }
        pantau_flash()
    }

    /// Columns the C library (and so ncurses) gives `value`; −1 if it cannot be shown.
    private func columns(of value: UInt32) -> Int32 {
        if value >= 0x20, value < 0x7F { return 1 }
        return pantau_wcwidth(value)
    }

    private func put(_ value: UInt32, style: Style, x: Int, y: Int) {
        let resolved = resolve(style)
        pantau_put_cell(Int32(y), Int32(x), value, resolved.attrs, resolved.pair)
    }

    /// The ncurses attributes and colour pair for `style`, cached per distinct style: the
    /// colours degraded to what the terminal has (``ColorMapper``), and attributes only
    /// (``Style/withoutColor``) when it has no colour or no colour pair is left.
    private func resolve(_ style: Style) -> (attrs: attr_t, pair: Int32) {
        if let cached = resolvedStyles[style] { return cached }
        let mapped = colorMapper.resolve(style)
        var attributes = mapped.attributes
        var pair: Int32 = 0
        if mapped.usesColor {
            if let p = pairs.pair(fg: mapped.fg, bg: mapped.bg) {
                pair = p
            } else {
                attributes = style.withoutColor.attributes
            }
        }
        var attrs = pantau_attr_normal()
        if attributes.contains(.bold) { attrs |= attrBold }
        if attributes.contains(.dim) { attrs |= attrDim }
        if attributes.contains(.underline) { attrs |= attrUnderline }
        if attributes.contains(.reverse) { attrs |= attrReverse }
        if attributes.contains(.blink) { attrs |= attrBlink }
        if attributes.contains(.italic) { attrs |= attrItalic }
        let result = (attrs: attrs, pair: pair)
        resolvedStyles[style] = result
        return result
    }

    // MARK: - Input

    /// Blocks until there is input, a signal (Ctrl-C, `SIGTERM`, a resize, …), `wakeFD` or
    /// `alsoWakeFD` (a second source of wake-ups, e.g. a file watcher) becomes readable, or `timeout` seconds pass (`nil` waits forever) — in `poll(2)`,
    /// never busy-waiting. Then returns every key available without blocking further.
    ///
    /// Returns `[]` on timeout, when only `wakeFD` or a signal woke it (check
    /// ``interrupted``), or once the screen is restored. The caller drains `wakeFD` itself;
    /// while it stays readable this returns at once. A ``Key/resize`` means ``size``
    /// already has the new size and the next ``present(_:)`` redraws everything.
    ///
    /// Enter (CR, LF, keypad Enter), Escape (alone; escape sequences are decoded into
    /// keys), Tab, Shift-Tab, Backspace (DEL, BS) and arrows/paging keys have their own
    /// cases; other control characters (Ctrl-L is `"\u{0C}"`) and printable characters,
    /// wide ones included, come as ``Key/char(_:)``. Mouse button-1 presses and wheel steps
    /// come as ``Key/mouse(_:)``.
    public func waitForKeys(timeout: Double?, wakeFD: Int32? = nil, alsoWakeFD: Int32? = nil) -> [Key] {
        guard active else { return [] }
        let timeoutMS: Int32
        if let timeout {
            timeoutMS = timeout <= 0 ? 0 : Int32(min((timeout * 1000).rounded(.up), Double(Int32.max)))
        } else {
            timeoutMS = -1
        }

        var ready = Int32(PANTAU_WAIT_INPUT)
        if !pendingInput {
            ready = pantau_wait2(timeoutMS, wakeFD ?? -1, alsoWakeFD ?? -1)
        }
        pendingInput = false

        var keys: [Key] = []
        // Always empty the self-pipe: an interrupted poll (EINTR) means a handler ran.
        let signals = pantau_drain_signal_pipe()
        if signals & 2 != 0, pantau_ncurses_handles_winch() == 0 {
            // ncurses will not report KEY_RESIZE itself: resize from the tty size.
            pantau_resize_from_tty()
            noteResize(&keys)
        }
        if ready & Int32(PANTAU_WAIT_HANGUP) != 0 {
            // The terminal is gone: nothing more to read, ask the caller to stop.
            pantau_mark_hangup()
            return keys
        }

        var count = 0
        var code: UInt32 = 0
        while count < Self.maxKeysPerWait {
            let kind = pantau_read_key(&code)
            if kind == Int32(PANTAU_READ_NONE) { break }
            count += 1
            if kind == Int32(PANTAU_READ_FUNCTION) {
                if code == keyDecoder.resizeCode {
                    noteResize(&keys)
                } else if code == keyDecoder.mouseCode {
                    if let event = readMouse() { keys.append(.mouse(event)) }
                } else if let key = keyDecoder.functionKey(code) {
                    keys.append(key)
                }
            } else if let key = KeyDecoder.character(code) {
                keys.append(key)
            }
        }
        if count == Self.maxKeysPerWait { pendingInput = true }
        return keys
    }

    private func noteResize(_ keys: inout [Key]) {
        needsFullRedraw = true
        if !keys.contains(.resize) { keys.append(.resize) }
    }

    private func readMouse() -> MouseEvent? {
        var x: Int32 = 0
        var y: Int32 = 0
        switch pantau_get_mouse(&x, &y) {
        case Int32(PANTAU_MOUSE_PRESS): return MouseEvent(kind: .press, x: Int(x), y: Int(y))
        case Int32(PANTAU_MOUSE_WHEEL_UP): return MouseEvent(kind: .wheelUp, x: Int(x), y: Int(y))
        case Int32(PANTAU_MOUSE_WHEEL_DOWN): return MouseEvent(kind: .wheelDown, x: Int(x), y: Int(y))
        default: return nil
        }
    }

    // MARK: - Restore

    /// Gives the terminal back: mouse reports off, cursor visible, `endwin` (and the screen
    /// cleared on a terminal without an alternate screen), stderr back on the terminal with
    /// what was written to it meanwhile, and the previous signal handlers reinstalled (so
    /// Ctrl-C kills the process again).
    /// Idempotent; also called from deinit. After it, ``present(_:)`` and
    /// ``waitForKeys(timeout:wakeFD:)`` do nothing.
    public func restore() {
        guard active else { return }
        active = false
        lastGrid = nil
        pantau_end_screen()
        pantau_remove_signal_handlers()
    }
}

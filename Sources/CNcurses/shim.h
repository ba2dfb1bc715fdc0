#ifndef PANTAU_CNCURSES_SHIM_H
#define PANTAU_CNCURSES_SHIM_H

/*
 * The C edge of Pantau's terminal backend. Swift (PantauTerminal) calls only the
 * `pantau_*` functions below: every ncurses macro and C global (stdscr, LINES/COLS,
 * COLORS, COLOR_PAIRS, A_*, KEY_*, BUTTON*, ERR/OK, errno) is read here, so Swift 6
 * strict concurrency never sees a C global.
 *
 * Process-wide state (the signal self-pipe, saved handlers, the crash-restore data, the
 * stderr capture)
 * lives in ONE weak global, `pantau_term_state`. It must not be `static`: Swift emits
 * these inline functions into every object file that uses them, and a `static`
 * variable would be duplicated per Swift source file. A weak definition is merged
 * by the linker into a single instance.
 */

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#if defined(__has_include)
#  if __has_include(<ncursesw/curses.h>)
#    include <ncursesw/curses.h>
#  else
#    include <curses.h>
#  endif
#else
#  include <curses.h>
#endif

/* Marks C-side internals (state, signal handlers) as invisible to Swift. */
#if defined(__has_attribute)
#  if __has_attribute(availability)
#    define PANTAU_C_ONLY __attribute__((availability(swift, unavailable)))
#  endif
#endif
#ifndef PANTAU_C_ONLY
#  define PANTAU_C_ONLY
#endif

/* ------------------------------------------------------------------------------------ */
/* Process-wide state                                                                   */
/* ------------------------------------------------------------------------------------ */

#define PANTAU_INTERRUPT_SIGNAL_COUNT 7
#define PANTAU_CRASH_SIGNAL_COUNT 10
#define PANTAU_RESTORE_SEQ_MAX 512
/* How much of what was written to stderr while the screen was up is shown after it. */
#define PANTAU_STDERR_TAIL 8192
/* The stderr capture file is emptied when it grows past this (a chatty library). */
#define PANTAU_STDERR_CAPTURE_MAX (1024 * 1024)

typedef struct {
    /* Signal number of the last interrupt (SIGINT, SIGTERM, SIGHUP, ...), 0 if none. */
    volatile sig_atomic_t interrupt_signal;
    /* 1 while a screen owns the terminal (the atexit / crash hooks act only then). */
    volatile sig_atomic_t active;
    /* Self-pipe: the handlers write one byte (the signal number) to write_fd. */
    volatile sig_atomic_t pipe_write_fd;
    int pipe_read_fd;
    SCREEN *screen;
    int signals_installed;
    int winch_installed;
    struct sigaction old_interrupt[PANTAU_INTERRUPT_SIGNAL_COUNT];
    /* 1 for an interrupt signal we took over (not one that was ignored when we started). */
    int interrupt_taken[PANTAU_INTERRUPT_SIGNAL_COUNT];
    struct sigaction old_winch;
    /* 1 when ncurses has its own SIGWINCH handler (it then reports KEY_RESIZE itself). */
    int ncurses_handles_winch;
    int atexit_registered;
    int crash_handlers_installed;
    struct sigaction old_crash[PANTAU_CRASH_SIGNAL_COUNT];
    /* 1 when a crash is handed to the previous handler (Swift's backtracer) after the restore:
     * only when SWIFT_BACKTRACE asks for it without interaction (interactive=no). */
    int chain_crashes;
    int pipe_policy_installed;
    /* Terminal modes from before the screen started, restored by the crash handler. */
    int tty_saved;
    struct termios saved_tty;
    /* Escape sequences (sgr0, cnorm, rmkx, mouse off, rmcup or clear) written on a crash. */
    char restore_seq[PANTAU_RESTORE_SEQ_MAX];
    size_t restore_len;
    /* 1 when the terminal has no alternate screen: the screen is cleared on exit instead. */
    int clear_on_exit;
    /* While the screen is up, stderr (a terminal) goes to an unlinked file, shown after. */
    volatile sig_atomic_t stderr_saved_fd;
    int stderr_capture_fd;
} pantau_term_state_t;

__attribute__((weak)) PANTAU_C_ONLY pantau_term_state_t pantau_term_state = {
    .interrupt_signal = 0,
    .active = 0,
    .pipe_write_fd = -1,
    .pipe_read_fd = -1,
    .screen = NULL,
    .stderr_saved_fd = -1,
    .stderr_capture_fd = -1,
};

/* Signals that end the dashboard in order: the main loop is woken, restores the terminal,
 * stops the sources and then dies by the same signal (status 128+n). */
PANTAU_C_ONLY static const int pantau_interrupt_signals[PANTAU_INTERRUPT_SIGNAL_COUNT] = {
    SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM
};

/* Signals that end the process at once: the handler restores the terminal and dies. */
PANTAU_C_ONLY static const int pantau_crash_signals[PANTAU_CRASH_SIGNAL_COUNT] = {
    SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT, SIGSYS, SIGXCPU, SIGXFSZ
};

/* ------------------------------------------------------------------------------------ */
/* Restoring the terminal from a signal handler (async-signal-safe)                      */
/* ------------------------------------------------------------------------------------ */

PANTAU_C_ONLY static void pantau_write_all(int fd, const char *bytes, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, bytes, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        bytes += n;
        len -= (size_t)n;
    }
}

/* Puts stderr back on its terminal and shows the tail of what was written to it while the
 * screen was up (e.g. a Swift runtime error message). Async-signal-safe; idempotent. */
PANTAU_C_ONLY static void pantau_release_stderr_now(void) {
    int saved = (int)pantau_term_state.stderr_saved_fd;
    if (saved < 0) return;
    pantau_term_state.stderr_saved_fd = -1;
    dup2(saved, STDERR_FILENO);
    close(saved);
    int capture = pantau_term_state.stderr_capture_fd;
    pantau_term_state.stderr_capture_fd = -1;
    if (capture < 0) return;
    off_t end = lseek(capture, 0, SEEK_END);
    off_t at = end > PANTAU_STDERR_TAIL ? end - PANTAU_STDERR_TAIL : 0;
    char buf[1024];
    while (at < end) {
        ssize_t n = pread(capture, buf, sizeof buf, at);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        pantau_write_all(STDERR_FILENO, buf, (size_t)n);
        at += n;
    }
    close(capture);
}

/* Writes the precomputed reset sequences, puts the saved terminal modes back and releases
 * stderr, if a screen is active. Async-signal-safe: endwin() is not. */
PANTAU_C_ONLY static void pantau_restore_now(void) {
    if (!pantau_term_state.active) return;
    pantau_term_state.active = 0;
    if (pantau_term_state.restore_len > 0) {
        pantau_write_all(STDOUT_FILENO, pantau_term_state.restore_seq, pantau_term_state.restore_len);
    }
    if (pantau_term_state.tty_saved) tcsetattr(STDIN_FILENO, TCSANOW, &pantau_term_state.saved_tty);
    pantau_release_stderr_now();
}

/* Ends the process by `sig` with its default action, so the parent sees a death by that
 * signal (a shell reports 128+n); _exit(128+n) if the signal does not end it. */
PANTAU_C_ONLY static void pantau_die_by(int sig) {
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    sigemptyset(&dfl.sa_mask);
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, NULL);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, sig);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    raise(sig);
    _exit(128 + sig);
}

/* ------------------------------------------------------------------------------------ */
/* Signals: interrupts / SIGWINCH → self-pipe; SIGPIPE                                    */
/* ------------------------------------------------------------------------------------ */

PANTAU_C_ONLY static void pantau_write_signal_byte(int sig) {
    int fd = (int)pantau_term_state.pipe_write_fd;
    if (fd >= 0) {
        unsigned char byte = (unsigned char)sig;
        ssize_t r = write(fd, &byte, 1); /* non-blocking; a full pipe already wakes poll */
        (void)r;
    }
}

/* An interrupt: async-signal-safe — store the signal, write one byte; the main loop ends the
 * session. A second one before the loop has acted (a stuck loop), or one that arrives when no
 * loop listens, restores the terminal and ends the process at once. */
PANTAU_C_ONLY static void pantau_on_interrupt(int sig) {
    int saved_errno = errno;
    if (pantau_term_state.interrupt_signal != 0 || pantau_term_state.pipe_write_fd < 0) {
        pantau_restore_now();
        pantau_die_by(sig);
    }
    pantau_term_state.interrupt_signal = sig;
    pantau_write_signal_byte(sig);
    errno = saved_errno;
}

/* SIGPIPE. One the kernel raises for our own write to a closed pipe or socket is ignored
 * (the write fails with EPIPE, an error the writer reports). One sent by another process
 * (kill) is a request to end, like SIGTERM. */
PANTAU_C_ONLY static void pantau_on_pipe(int sig, siginfo_t *info, void *context) {
    (void)context;
    int saved_errno = errno;
    int sent = info != NULL
        && (info->si_code == SI_USER || info->si_code == SI_QUEUE || info->si_code == SI_TKILL)
        && info->si_pid != 0 && info->si_pid != getpid();
    if (sent) {
        if (pantau_term_state.active) pantau_on_interrupt(sig);
        else pantau_die_by(sig);
    }
    errno = saved_errno;
}

/* Installs the SIGPIPE policy above for the whole process (once; children started with
 * exec get SIGPIPE at its default). Keeps SIGPIPE ignored if it was ignored already. */
static inline void pantau_install_pipe_policy(void) {
    if (pantau_term_state.pipe_policy_installed) return;
    pantau_term_state.pipe_policy_installed = 1;
    struct sigaction old;
    if (sigaction(SIGPIPE, NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sa.sa_sigaction = pantau_on_pipe;
    sigaction(SIGPIPE, &sa, NULL);
}

/* SIGWINCH: wake the poll loop, then chain to ncurses' own handler (which makes the next
 * read return KEY_RESIZE). */
PANTAU_C_ONLY static void pantau_on_winch(int sig) {
    int saved_errno = errno;
    pantau_write_signal_byte(sig);
    struct sigaction *old = &pantau_term_state.old_winch;
    if (old->sa_flags & SA_SIGINFO) {
        if (old->sa_sigaction != NULL) old->sa_sigaction(sig, NULL, NULL);
    } else if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN && old->sa_handler != NULL) {
        old->sa_handler(sig);
    }
    errno = saved_errno;
}

static inline int pantau_set_nonblocking_cloexec(int fd) {
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) return -1;
    int fdfl = fcntl(fd, F_GETFD);
    if (fdfl < 0 || fcntl(fd, F_SETFD, fdfl | FD_CLOEXEC) < 0) return -1;
    return 0;
}

/* Creates the self-pipe and installs the interrupt handlers (SIGINT, SIGTERM, SIGHUP,
 * SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM; one ignored when we start, e.g. SIGHUP under nohup,
 * stays ignored). Call BEFORE newterm: ncurses then sees non-default handlers and leaves these
 * signals to us (it would otherwise install its own "endwin and exit" handlers). Returns 0,
 * or -1. */
static inline int pantau_install_interrupt_handlers(void) {
    if (pantau_term_state.signals_installed) return 0;
    int fds[2];
    if (pipe(fds) != 0) return -1;
    if (pantau_set_nonblocking_cloexec(fds[0]) != 0 || pantau_set_nonblocking_cloexec(fds[1]) != 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    pantau_term_state.pipe_read_fd = fds[0];
    pantau_term_state.pipe_write_fd = fds[1];
    pantau_term_state.interrupt_signal = 0;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocking call should see EINTR */
    sa.sa_handler = pantau_on_interrupt;
    for (int i = 0; i < PANTAU_INTERRUPT_SIGNAL_COUNT; i++) {
        struct sigaction *old = &pantau_term_state.old_interrupt[i];
        pantau_term_state.interrupt_taken[i] = 0;
        if (sigaction(pantau_interrupt_signals[i], NULL, old) != 0) continue;
        if (!(old->sa_flags & SA_SIGINFO) && old->sa_handler == SIG_IGN) continue;
        if (sigaction(pantau_interrupt_signals[i], &sa, NULL) == 0) pantau_term_state.interrupt_taken[i] = 1;
    }
    pantau_term_state.winch_installed = 0;
    pantau_term_state.signals_installed = 1;
    return 0;
}

/* Installs the SIGWINCH handler. Call AFTER newterm, so ncurses' own SIGWINCH handler
 * exists and ours chains to it (ours only adds the self-pipe wake-up). */
static inline void pantau_install_winch_handler(void) {
    if (!pantau_term_state.signals_installed || pantau_term_state.winch_installed) return;
    sigaction(SIGWINCH, NULL, &pantau_term_state.old_winch);
    struct sigaction *old = &pantau_term_state.old_winch;
    pantau_term_state.ncurses_handles_winch =
        (old->sa_flags & SA_SIGINFO) ? (old->sa_sigaction != NULL)
                                     : (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN
                                        && old->sa_handler != NULL);
    struct sigaction wa;
    memset(&wa, 0, sizeof wa);
    sigemptyset(&wa.sa_mask);
    wa.sa_flags = 0;
    wa.sa_handler = pantau_on_winch;
    sigaction(SIGWINCH, &wa, NULL);
    pantau_term_state.winch_installed = 1;
}

/* Puts the previous handlers back and closes the self-pipe. Idempotent. The interrupt
 * signal, if any, is kept for pantau_end_if_interrupted. */
static inline void pantau_remove_signal_handlers(void) {
    if (!pantau_term_state.signals_installed) return;
    for (int i = 0; i < PANTAU_INTERRUPT_SIGNAL_COUNT; i++) {
        if (pantau_term_state.interrupt_taken[i]) {
            sigaction(pantau_interrupt_signals[i], &pantau_term_state.old_interrupt[i], NULL);
            pantau_term_state.interrupt_taken[i] = 0;
        }
    }
    if (pantau_term_state.winch_installed) sigaction(SIGWINCH, &pantau_term_state.old_winch, NULL);
    pantau_term_state.winch_installed = 0;
    int w = (int)pantau_term_state.pipe_write_fd;
    pantau_term_state.pipe_write_fd = -1;
    if (w >= 0) close(w);
    if (pantau_term_state.pipe_read_fd >= 0) close(pantau_term_state.pipe_read_fd);
    pantau_term_state.pipe_read_fd = -1;
    pantau_term_state.signals_installed = 0;
}

/* Whether ncurses itself turns SIGWINCH into KEY_RESIZE. */
static inline int pantau_ncurses_handles_winch(void) { return pantau_term_state.ncurses_handles_winch; }

/* The signal number of the last interrupt, or 0. */
static inline int pantau_interrupt_signal(void) { return (int)pantau_term_state.interrupt_signal; }

/* Marks the session interrupted without a signal: the terminal hung up. */
static inline void pantau_mark_hangup(void) { pantau_term_state.interrupt_signal = SIGHUP; }

/* After the screen is restored: if an interrupt ended the session, flushes stdio and ends the
 * process by that signal (status 128+n). Returns only when there was none. */
static inline void pantau_end_if_interrupted(void) {
    int sig = (int)pantau_term_state.interrupt_signal;
    if (sig == 0) return;
    fflush(NULL);
    pantau_die_by(sig);
}

/* Empties the self-pipe. Returns a bitmask: 1 = an interrupt signal arrived,
 * 2 = SIGWINCH arrived. */
static inline int pantau_drain_signal_pipe(void) {
    int result = 0;
    int fd = pantau_term_state.pipe_read_fd;
    if (fd < 0) return 0;
    unsigned char buf[64];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0) {
            for (ssize_t i = 0; i < n; i++) {
                if (buf[i] == (unsigned char)SIGWINCH) result |= 2;
                else result |= 1;
            }
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        break;
    }
    return result;
}

/* ------------------------------------------------------------------------------------ */
/* Waiting                                                                              */
/* ------------------------------------------------------------------------------------ */

enum {
    PANTAU_WAIT_INPUT = 1,      /* stdin is readable */
    PANTAU_WAIT_SIGNAL = 2,     /* the signal self-pipe is readable */
    PANTAU_WAIT_WAKE = 4,       /* the caller's wake fd is readable */
    PANTAU_WAIT_EINTR = 8,      /* poll was interrupted by some signal */
    PANTAU_WAIT_HANGUP = 16,    /* stdin hung up / errored: the terminal is gone */
    PANTAU_WAIT_ERROR = 32      /* poll itself failed */
};

static inline long long pantau_monotonic_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000LL + ts.tv_nsec / 1000000L;
}

/* Blocks in poll() on stdin, the signal self-pipe and the wake fds that are >= 0 (two at
 * most: e.g. a sources inbox and a layout-file watcher), for at most timeout_ms milliseconds
 * (-1 = forever). Returns a PANTAU_WAIT_* bitmask, 0 on timeout. Never busy-waits: a wake fd
 * that is not open (POLLNVAL) is dropped from the set. */
static inline int pantau_wait2(int timeout_ms, int wake_fd, int wake_fd2) {
    long long deadline = timeout_ms >= 0 ? pantau_monotonic_ms() + timeout_ms : -1;
    int wake[2] = { wake_fd, wake_fd2 };
    for (;;) {
        struct pollfd fds[4];
        nfds_t n = 0;
        fds[n].fd = STDIN_FILENO; fds[n].events = POLLIN; fds[n].revents = 0; n++;
        int sig_index = -1, wake_index[2] = { -1, -1 };
        if (pantau_term_state.pipe_read_fd >= 0) {
            sig_index = (int)n;
            fds[n].fd = pantau_term_state.pipe_read_fd; fds[n].events = POLLIN; fds[n].revents = 0; n++;
        }
        for (int k = 0; k < 2; k++) {
            if (wake[k] >= 0) {
                wake_index[k] = (int)n;
                fds[n].fd = wake[k]; fds[n].events = POLLIN; fds[n].revents = 0; n++;
            }
        }
        int remaining = timeout_ms;
        if (deadline >= 0) {
            long long left = deadline - pantau_monotonic_ms();
            remaining = left > 0 ? (left > INT_MAX ? INT_MAX : (int)left) : 0;
        }
        int r = poll(fds, n, remaining);
        if (r < 0) return errno == EINTR ? PANTAU_WAIT_EINTR : PANTAU_WAIT_ERROR;
        if (r == 0) return 0;
        int result = 0;
        if (fds[0].revents & POLLIN) result |= PANTAU_WAIT_INPUT;
        if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) result |= PANTAU_WAIT_HANGUP;
        if (sig_index >= 0 && (fds[sig_index].revents & POLLIN)) result |= PANTAU_WAIT_SIGNAL;
        for (int k = 0; k < 2; k++) {
            if (wake_index[k] < 0) continue;
            short rev = fds[wake_index[k]].revents;
            if (rev & POLLNVAL) wake[k] = -1;
            else if (rev & (POLLIN | POLLHUP | POLLERR)) result |= PANTAU_WAIT_WAKE;
        }
        if (result != 0) return result;
        /* Only an invalid wake fd fired: poll again without it. */
    }
}

/* pantau_wait2 with one wake fd. */
static inline int pantau_wait(int timeout_ms, int wake_fd) {
    return pantau_wait2(timeout_ms, wake_fd, -1);
}

/* ------------------------------------------------------------------------------------ */
/* Restore on exit / crash                                                              */
/* ------------------------------------------------------------------------------------ */

/* atexit hook: exit() (or returning from main) while a screen is active ends curses. */
PANTAU_C_ONLY static void pantau_atexit_restore(void) {
    if (!pantau_term_state.active) return;
    pantau_term_state.active = 0;
    curs_set(1);
    endwin();
    pantau_release_stderr_now();
}

/* The line a crash prints once the terminal is back. */
PANTAU_C_ONLY static const char *pantau_crash_message(int sig) {
    switch (sig) {
    case SIGSEGV: return "pantau: crashed (SIGSEGV, invalid memory access); terminal restored\n";
    case SIGBUS: return "pantau: crashed (SIGBUS, bus error); terminal restored\n";
    case SIGILL: return "pantau: crashed (SIGILL, a runtime trap or illegal instruction); terminal restored\n";
    case SIGFPE: return "pantau: crashed (SIGFPE, arithmetic error); terminal restored\n";
    case SIGABRT: return "pantau: aborted (SIGABRT); terminal restored\n";
    case SIGTRAP: return "pantau: crashed (SIGTRAP, a runtime trap); terminal restored\n";
    case SIGQUIT: return "pantau: quit (SIGQUIT); terminal restored\n";
    case SIGSYS: return "pantau: crashed (SIGSYS, bad system call); terminal restored\n";
    case SIGXCPU: return "pantau: stopped (SIGXCPU, CPU time limit); terminal restored\n";
    case SIGXFSZ: return "pantau: stopped (SIGXFSZ, file size limit); terminal restored\n";
    default: return "pantau: crashed; terminal restored\n";
    }
}

/* Fatal-signal hook: restore the terminal (saved termios, precomputed reset sequences),
 * say so on stderr, let Swift's backtracer print if SWIFT_BACKTRACE asked for it without
 * interaction, then die by the signal. Never returns, so the process can neither wait for
 * the interactive backtracer nor run on after it. */
PANTAU_C_ONLY static void pantau_on_crash(int sig, siginfo_t *info, void *context) {
    int was_active = (int)pantau_term_state.active;
    pantau_restore_now();
    if (was_active) {
        const char *message = pantau_crash_message(sig);
        pantau_write_all(STDERR_FILENO, message, strlen(message));
    }
    int index = -1;
    for (int i = 0; i < PANTAU_CRASH_SIGNAL_COUNT; i++) {
        if (pantau_crash_signals[i] == sig) { index = i; break; }
    }
    if (index >= 0 && pantau_term_state.chain_crashes) {
        struct sigaction *old = &pantau_term_state.old_crash[index];
        if (old->sa_flags & SA_SIGINFO) {
            if (old->sa_sigaction != NULL) old->sa_sigaction(sig, info, context);
        } else if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN && old->sa_handler != NULL) {
            old->sa_handler(sig);
        }
    }
    pantau_die_by(sig);
}

/* Appends a terminfo string without its padding ("$<50>"), which only tputs interprets, to
 * `out` (`*len` bytes used of `cap`); what does not fit is left out. */
static inline void pantau_append_cap(char *out, size_t cap, size_t *len, const char *str) {
    if (str == NULL || str == (char *)-1) return;
    for (const char *p = str; *p != '\0'; p++) {
        if (p[0] == '$' && p[1] == '<') {
            const char *close = strchr(p, '>');
            if (close != NULL) { p = close; continue; }
        }
        if (*len + 1 >= cap) return;
        out[(*len)++] = *p;
    }
}

/* Whether terminfo has a non-empty string capability `name`. */
static inline int pantau_has_string_cap(const char *name) {
    const char *cap = tigetstr((char *)name);
    return cap != NULL && cap != (char *)-1 && cap[0] != '\0';
}

/* Saves the terminal modes; call before the screen starts. */
static inline void pantau_save_tty(void) {
    pantau_term_state.tty_saved = (tcgetattr(STDIN_FILENO, &pantau_term_state.saved_tty) == 0);
}

/* The bytes that undo what the screen set on start, for the current terminfo entry:
 * attributes and colours, mouse reports, the hidden cursor, keypad (application) mode, and
 * the alternate screen, or, on a terminal without one (TERM=vt100, linux), clear the screen
 * so the prompt is not written over the dashboard. Returns the length written to `out`. */
static inline size_t pantau_build_restore_sequence(int mouse_enabled, char *out, size_t cap) {
    size_t len = 0;
    pantau_append_cap(out, cap, &len, tigetstr((char *)"sgr0"));
    pantau_append_cap(out, cap, &len, tigetstr((char *)"op"));
    if (mouse_enabled) pantau_append_cap(out, cap, &len, "\033[?1006l\033[?1003l\033[?1002l\033[?1000l");
    pantau_append_cap(out, cap, &len, tigetstr((char *)"cnorm"));
    pantau_append_cap(out, cap, &len, tigetstr((char *)"rmkx"));
    if (pantau_has_string_cap("rmcup")) pantau_append_cap(out, cap, &len, tigetstr((char *)"rmcup"));
    else pantau_append_cap(out, cap, &len, tigetstr((char *)"clear"));
    return len;
}

/* Precomputes the reset sequences for the crash handler; call once curses is up. */
static inline void pantau_prepare_crash_restore(int mouse_enabled) {
    pantau_term_state.restore_len =
        pantau_build_restore_sequence(mouse_enabled, pantau_term_state.restore_seq, PANTAU_RESTORE_SEQ_MAX);
    pantau_term_state.clear_on_exit = !pantau_has_string_cap("rmcup");
}

/* While the screen is up, sends stderr (when it is a terminal) to an unlinked temporary
 * file, so that nothing written to it (a library's warning, an exec source's stderr, the
 * Swift runtime's last message before a trap) lands on the dashboard or is lost with the
 * alternate screen; its tail is shown once the terminal is restored. */
static inline void pantau_capture_stderr(void) {
    if (pantau_term_state.stderr_saved_fd >= 0 || !isatty(STDERR_FILENO)) return;
    const char *dir = getenv("TMPDIR");
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/pantau-stderr-XXXXXX", dir != NULL && dir[0] != '\0' ? dir : "/tmp");
    if (n <= 0 || (size_t)n >= sizeof path) return;
    int capture = mkstemp(path);
    if (capture < 0) return;
    unlink(path);
    int saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    int fl = fcntl(capture, F_GETFL);
    if (saved < 0 || fl < 0 || fcntl(capture, F_SETFL, fl | O_APPEND) < 0
        || fcntl(capture, F_SETFD, FD_CLOEXEC) < 0 || dup2(capture, STDERR_FILENO) < 0) {
        if (saved >= 0) close(saved);
        close(capture);
        return;
    }
    pantau_term_state.stderr_capture_fd = capture;
    pantau_term_state.stderr_saved_fd = saved;
}

/* Empties the stderr capture when it has grown past PANTAU_STDERR_CAPTURE_MAX. */
static inline void pantau_trim_stderr_capture(void) {
    int capture = pantau_term_state.stderr_capture_fd;
    if (capture < 0) return;
    off_t size = lseek(capture, 0, SEEK_END);
    if (size > PANTAU_STDERR_CAPTURE_MAX) {
        int r = ftruncate(capture, 0);
        (void)r;
    }
}

/* Registers the atexit hook and the fatal-signal handlers (once per process). They are
 * installed after the Swift runtime's, so they run first. */
static inline void pantau_install_restore_on_crash(void) {
    if (!pantau_term_state.atexit_registered) {
        if (atexit(pantau_atexit_restore) == 0) pantau_term_state.atexit_registered = 1;
    }
    if (!pantau_term_state.crash_handlers_installed) {
        const char *backtrace = getenv("SWIFT_BACKTRACE");
        pantau_term_state.chain_crashes = backtrace != NULL && strstr(backtrace, "interactive=no") != NULL;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sa.sa_sigaction = pantau_on_crash;
        for (int i = 0; i < PANTAU_CRASH_SIGNAL_COUNT; i++) {
            sigaction(pantau_crash_signals[i], &sa, &pantau_term_state.old_crash[i]);
        }
        pantau_term_state.crash_handlers_installed = 1;
    }
}

static inline void pantau_set_active(int active) { pantau_term_state.active = active ? 1 : 0; }
static inline int pantau_is_active(void) { return (int)pantau_term_state.active; }

/* ------------------------------------------------------------------------------------ */
/* Screen lifecycle                                                                     */
/* ------------------------------------------------------------------------------------ */

static inline void pantau_setlocale(void) { setlocale(LC_ALL, ""); }

/* Starts curses on stdin/stdout with newterm (unlike initscr it returns on failure
 * instead of exiting). Returns 0, or -1 when the terminal cannot be initialised. */
static inline int pantau_start_screen(void) {
    if (pantau_term_state.screen != NULL) return -1;
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return -1;
    set_term(screen);
    pantau_term_state.screen = screen;
    return 0;
}

/* cbreak (so Ctrl-C still raises SIGINT), no echo, no CR/NL translation, keypad decoding,
 * invisible cursor, short ESC delay, no scrolling. */
static inline void pantau_configure_screen(int escdelay_ms) {
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    scrollok(stdscr, FALSE);
    idlok(stdscr, FALSE);
    leaveok(stdscr, TRUE);
    curs_set(0);
    set_escdelay(escdelay_ms);
}

/* Starts colour if the terminal has it. Returns 0 without colour, 1 with colour,
 * 2 with colour and default (-1) colours. */
static inline int pantau_start_color(void) {
    if (!has_colors()) return 0;
    if (start_color() == ERR) return 0;
    return use_default_colors() == OK ? 2 : 1;
}

static inline int pantau_colors(void) { return COLORS; }
static inline int pantau_color_pairs(void) { return COLOR_PAIRS; }

/* Defines colour pair `pair` (1…COLOR_PAIRS-1). Colours are ints (direct-colour values
 * need more than a short). Returns 0 or -1. */
static inline int pantau_init_pair(int pair, int fg, int bg) {
#if defined(NCURSES_EXT_COLORS) && defined(NCURSES_EXT_FUNCS)
    return init_extended_pair(pair, fg, bg) == OK ? 0 : -1;
#else
    if (pair > SHRT_MAX || fg > SHRT_MAX || bg > SHRT_MAX) return -1;
    return init_pair((short)pair, (short)fg, (short)bg) == OK ? 0 : -1;
#endif
}

/* The largest pair number pantau_put_cell can address. */
static inline int pantau_max_pair(void) {
#if defined(NCURSES_EXT_COLORS) && defined(NCURSES_EXT_FUNCS)
    return COLOR_PAIRS - 1;
#else
    return COLOR_PAIRS - 1 < SHRT_MAX ? COLOR_PAIRS - 1 : SHRT_MAX;
#endif
}

/* Enables reports for button-1 presses and wheel steps. Returns 1 if any were granted. */
static inline int pantau_enable_mouse(void) {
    mmask_t wanted = BUTTON1_PRESSED | BUTTON4_PRESSED;
#if NCURSES_MOUSE_VERSION > 1
    wanted |= BUTTON5_PRESSED;
#endif
    mmask_t got = mousemask(wanted, NULL);
    mouseinterval(0); /* report presses at once, no click resolution delay */
    return got != 0;
}

/* Ends curses: mouse off, cursor visible, endwin, the screen cleared on a terminal without
 * an alternate screen, stderr back on the terminal, screen freed. Idempotent. */
static inline void pantau_end_screen(void) {
    SCREEN *screen = pantau_term_state.screen;
    if (screen == NULL) return;
    pantau_term_state.active = 0;
    mousemask(0, NULL);
    curs_set(1);
    endwin();
    if (pantau_term_state.clear_on_exit) {
        /* No alternate screen: clear it, so the shell prompt is not written over the frame. */
        putp(tigetstr((char *)"clear"));
        fflush(stdout);
    }
    pantau_release_stderr_now();
    delscreen(screen);
    pantau_term_state.screen = NULL;
}

/* Current screen size (stdscr; kept up to date by resizeterm). */
static inline int pantau_lines(void) { return getmaxy(stdscr); }
static inline int pantau_cols(void) { return getmaxx(stdscr); }

/* Resizes curses to the terminal's current size (used when ncurses has no SIGWINCH
 * handler of its own). */
static inline void pantau_resize_from_tty(void) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
        resizeterm(ws.ws_row, ws.ws_col);
    }
}

/* ------------------------------------------------------------------------------------ */
/* Drawing                                                                              */
/* ------------------------------------------------------------------------------------ */

/* An alarm: the terminal's audible bell (or its visible one when it has none), a visible flash. */
static inline void pantau_beep(void) { beep(); }
static inline void pantau_flash(void) { flash(); }

static inline attr_t pantau_attr_normal(void) { return A_NORMAL; }
static inline attr_t pantau_attr_bold(void) { return A_BOLD; }
static inline attr_t pantau_attr_dim(void) { return A_DIM; }
static inline attr_t pantau_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t pantau_attr_reverse(void) { return A_REVERSE; }
static inline attr_t pantau_attr_blink(void) { return A_BLINK; }
static inline attr_t pantau_attr_italic(void) {
#ifdef A_ITALIC
    return A_ITALIC;
#else
    return A_NORMAL;
#endif
}

/* Writes one character cell at (x, y) with attributes and colour pair. A wide character
 * fills two columns. Writing the bottom-right cell reports ERR in ncurses (the cursor
 * cannot advance) but the cell is stored; that result is ignored here. */
static inline void pantau_put_cell(int y, int x, uint32_t ch, attr_t attrs, int pair) {
    cchar_t cc;
    wchar_t text[2] = { (wchar_t)ch, L'\0' };
#if defined(NCURSES_EXT_COLORS) && defined(NCURSES_EXT_FUNCS)
    int extended = pair;
    short short_pair = (short)(pair <= SHRT_MAX ? pair : 0);
    if (setcchar(&cc, text, attrs, short_pair, &extended) == ERR) return;
#else
    if (setcchar(&cc, text, attrs, (short)pair, NULL) == ERR) return;
#endif
    (void)mvwadd_wch(stdscr, y, x, &cc);
}

/* Blanks the whole virtual screen (the terminal is updated on the next refresh). */
static inline void pantau_erase(void) { werase(stdscr); }

/* Makes the next refresh repaint the terminal from scratch (Ctrl-L). */
static inline void pantau_clear_on_next_refresh(void) { clearok(curscr, TRUE); }

static inline void pantau_refresh(void) { wrefresh(stdscr); }

/* ------------------------------------------------------------------------------------ */
/* Input                                                                                */
/* ------------------------------------------------------------------------------------ */

enum {
    PANTAU_READ_NONE = 0,      /* no input available */
    PANTAU_READ_CHAR = 1,      /* *code is a character */
    PANTAU_READ_FUNCTION = 2   /* *code is a KEY_* code */
};

/* Reads one key without blocking (nodelay). Returns a PANTAU_READ_* value. */
static inline int pantau_read_key(uint32_t *code) {
    nodelay(stdscr, TRUE);
    wint_t wch = 0;
    int r = wget_wch(stdscr, &wch);
    *code = (uint32_t)wch;
    if (r == KEY_CODE_YES) return PANTAU_READ_FUNCTION;
    if (r == OK) return PANTAU_READ_CHAR;
    return PANTAU_READ_NONE;
}

static inline uint32_t pantau_key_up(void) { return KEY_UP; }
static inline uint32_t pantau_key_down(void) { return KEY_DOWN; }
static inline uint32_t pantau_key_left(void) { return KEY_LEFT; }
static inline uint32_t pantau_key_right(void) { return KEY_RIGHT; }
static inline uint32_t pantau_key_ppage(void) { return KEY_PPAGE; }
static inline uint32_t pantau_key_npage(void) { return KEY_NPAGE; }
static inline uint32_t pantau_key_home(void) { return KEY_HOME; }
static inline uint32_t pantau_key_end(void) { return KEY_END; }
static inline uint32_t pantau_key_dc(void) { return KEY_DC; }
static inline uint32_t pantau_key_enter(void) { return KEY_ENTER; }
static inline uint32_t pantau_key_btab(void) { return KEY_BTAB; }
static inline uint32_t pantau_key_backspace(void) { return KEY_BACKSPACE; }
static inline uint32_t pantau_key_resize(void) { return KEY_RESIZE; }
static inline uint32_t pantau_key_mouse(void) { return KEY_MOUSE; }
/* Keypad corners and the Find/Select keys some terminals send for Home/End. */
static inline uint32_t pantau_key_a1(void) { return KEY_A1; }
static inline uint32_t pantau_key_a3(void) { return KEY_A3; }
static inline uint32_t pantau_key_c1(void) { return KEY_C1; }
static inline uint32_t pantau_key_c3(void) { return KEY_C3; }
static inline uint32_t pantau_key_find(void) { return KEY_FIND; }
static inline uint32_t pantau_key_select(void) { return KEY_SELECT; }

enum {
    PANTAU_MOUSE_NONE = 0,
    PANTAU_MOUSE_PRESS = 1,
    PANTAU_MOUSE_WHEEL_UP = 2,
    PANTAU_MOUSE_WHEEL_DOWN = 3
};

/* After KEY_MOUSE: fetches the event. Returns a PANTAU_MOUSE_* kind and the cell. */
static inline int pantau_get_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return PANTAU_MOUSE_NONE;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON4_PRESSED) return PANTAU_MOUSE_WHEEL_UP;
#if NCURSES_MOUSE_VERSION > 1
    if (event.bstate & BUTTON5_PRESSED) return PANTAU_MOUSE_WHEEL_DOWN;
#endif
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return PANTAU_MOUSE_PRESS;
    return PANTAU_MOUSE_NONE;
}

/* ------------------------------------------------------------------------------------ */
/* Terminal check                                                                       */
/* ------------------------------------------------------------------------------------ */

/* $TERM, or NULL. */
static inline const char *pantau_term_name(void) { return getenv("TERM"); }

/* Columns the C library (and so ncurses) gives a character: -1 if not printable. */
static inline int pantau_wcwidth(uint32_t ch) { return wcwidth((wchar_t)ch); }

/* 1 when stdin and stdout are terminals and TERM is set and not "dumb". */
static inline int pantau_is_interactive(void) {
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) return 0;
    const char *term = getenv("TERM");
    if (term == NULL || term[0] == '\0') return 0;
    return strcmp(term, "dumb") != 0;
}

/* ------------------------------------------------------------------------------------ */
/* Terminfo without a screen (last: term.h defines a macro for every capability name)     */
/* ------------------------------------------------------------------------------------ */

#if defined(__has_include)
#  if __has_include(<ncursesw/term.h>)
#    include <ncursesw/term.h>
#  else
#    include <term.h>
#  endif
#else
#  include <term.h>
#endif

/* pantau_build_restore_sequence for the terminfo entry `term`, without a screen (for tests).
 * Returns the length, or -1 when terminfo does not know `term`. */
static inline int pantau_restore_sequence_for(const char *term, int mouse_enabled, char *out, size_t cap) {
    TERMINAL *saved = cur_term;
    int err = 0;
    if (setupterm((char *)term, STDOUT_FILENO, &err) != OK) {
        if (cur_term != saved) set_curterm(saved);
        return -1;
    }
    TERMINAL *made = cur_term;
    size_t len = pantau_build_restore_sequence(mouse_enabled, out, cap);
    set_curterm(saved);
    del_curterm(made);
    return (int)len;
}

#endif /* PANTAU_CNCURSES_SHIM_H */

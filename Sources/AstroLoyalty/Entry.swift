import AstroLoyaltyApp
#if canImport(Glibc)
import Glibc
#endif

/// The binary's entry point; every command lives in AstroLoyaltyApp so tests can reach it.
@main
struct Entry {
    static func main() async {
        disableInteractiveCrashPrompt()
        await AstroLoyaltyRoot.main()
    }

    /// On a terminal, Swift's crash reporter waits 30 seconds for a key before exiting. At a counter a
    /// crash must end at once (the terminal is restored and the log has the details), so unless the
    /// user chose otherwise, re-run this process once with the reporter non-interactive. The setting is
    /// only read at process start, hence the exec.
    private static func disableInteractiveCrashPrompt() {
        guard getenv("SWIFT_BACKTRACE") == nil else { return }
        setenv("SWIFT_BACKTRACE", "interactive=no", 1)
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
        // exec failed (no /proc): carry on with the interactive prompt rather than not at all.
    }
}

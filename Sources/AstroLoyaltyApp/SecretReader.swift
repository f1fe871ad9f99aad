import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a password or PIN without it ever appearing on a command line: from the terminal with
/// echo off, or as one line of standard input when stdin is not a terminal (scripts, tests).
public enum SecretReader {
    public static func read(prompt: String) -> String? {
        if isatty(STDIN_FILENO) == 1 {
            FileHandle.standardError.write(Data(prompt.utf8))
            var saved = termios()
            tcgetattr(STDIN_FILENO, &saved)
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
            defer {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            return Swift.readLine(strippingNewline: true)
        }
        return Swift.readLine(strippingNewline: true)
    }
}

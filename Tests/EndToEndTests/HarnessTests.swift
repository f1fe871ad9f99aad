import Foundation
import Testing

/// The harness itself: a child that floods stderr while its stdout stays open, and one that never ends, are both
/// handled within the timeout (the first read whole, the second killed), so no end-to-end test can hang on its
/// own plumbing.
@Suite struct HarnessTests {
    /// A megabyte on stderr (sixteen pipe buffers) before a word on stdout: a harness that read stdout to its end
    /// first would wait forever on a child blocked writing stderr.
    @Test(.timeLimit(.minutes(1)))
    func aChildFloodingStderrIsReadWhole() throws {
        let started = Date()
        let result = try runChild("/bin/sh", ["-c", "yes xxxxxxxxx | head -c 1000000 >&2; echo done"],
                                  timeout: 20)
        #expect(!result.timedOut)
        #expect(result.status == 0)
        #expect(result.stdout == "done\n")
        #expect(result.stderr.utf8.count == 1_000_000)
        #expect(result.stderr.hasPrefix("xxxxxxxxx\nxxxxxxxxx\n") && result.stderr.hasSuffix("xxxxxxxxx\n"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// A child that never ends (and keeps both pipes open) is killed at the timeout, with what it wrote so far.
    @Test(.timeLimit(.minutes(1)))
    func aChildThatHangsIsKilledAtTheTimeout() throws {
        let started = Date()
        let result = try runChild("/bin/sh", ["-c", "echo started; echo waiting >&2; exec sleep 30"], timeout: 1)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.timedOut)
        #expect(result.status == SIGKILL)
        #expect(result.stdout == "started\n")
        #expect(result.stderr == "waiting\n")
        #expect(elapsed >= 1 && elapsed < 5, "took \(elapsed) s")
    }

    /// Positive control for the timeout: a quick child is not reported as timed out, its exit status kept.
    @Test func aQuickChildEndsOnItsOwn() throws {
        let result = try runChild("/bin/sh", ["-c", "read line; echo \"got $line\"; exit 3"], stdin: "hello\n",
                                  timeout: 20)
        #expect(!result.timedOut)
        #expect(result.status == 3)
        #expect(result.stdout == "got hello\n")
    }
}

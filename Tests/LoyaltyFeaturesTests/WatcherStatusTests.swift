import Foundation
import LoyaltyCore
import LoyaltyFeatures
import Testing

/// The sales watcher's status reaching the shell: the status bar's words and Enable Lightspeed's line.
@Suite struct WatcherStatusTests {
    @Test func theWatchersStatusIsKeptForTheStatusBarAndEnableLightspeedWithNoEffect() {
        var h = Harness()
        h.signIn()
        #expect(h.state.lightspeed.watcherLine == nil)
        let effects = h.send(.lightspeed(.watcher(line: "Lightspeed: catching up 3 days…", isProblem: false)))
        #expect(effects.isEmpty)
        #expect(h.state.lightspeed.watcherLine == "Lightspeed: catching up 3 days…")
        #expect(h.state.lightspeed.watcherProblem == false)
        #expect(h.state.lightspeed.setup.watcherLine == "Lightspeed: catching up 3 days…")
        _ = h.send(.lightspeed(.watcher(line: "Lightspeed: cannot reach Lightspeed; trying again", isProblem: true)))
        #expect(h.state.lightspeed.watcherLine == "Lightspeed: cannot reach Lightspeed; trying again")
        #expect(h.state.lightspeed.watcherProblem)
        #expect(LightspeedMsg.watcher(line: "x", isProblem: false).isIntent == false, "a result does not keep the terminal awake")
    }
}

import Foundation

/// Finds the files of `Assets/` (the demo store, the simulator's demo data).
/// Order: `$ASTRO_LOYALTY_ASSETS`, then the folders above the running binary (a `swift build`
/// puts it under `.build/` in the checkout), then the checkout this file was compiled from.
public enum AssetLocator {
    public static func path(of name: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [URL] = []
        if let dir = environment["ASTRO_LOYALTY_ASSETS"], !dir.isEmpty {
            candidates.append(URL(fileURLWithPath: dir))
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("Assets"))
            dir = dir.deletingLastPathComponent()
        }
        let source = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(source.appendingPathComponent("Assets"))
        for folder in candidates {
            let file = folder.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: file) { return file }
        }
        return nil
    }
}

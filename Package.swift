// swift-tools-version: 6.1
// Astro Loyalty for the counter. Imports only go downward:
// Core → Store / Lightspeed → Features → (TerminalKit) → UI → executable.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "AstroLoyalty",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "astro-loyalty", targets: ["AstroLoyalty"]),
        .executable(name: "astro-loyalty-bench", targets: ["AstroLoyaltyBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // postgres-nio's own transport and TLS, named here because the PostgreSQL engine uses their types.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
    ],
    targets: [
        // Domain values and rules. Pure Swift.
        .target(name: "LoyaltyCore", swiftSettings: strict),
        // The one database facade (GRDB over the system SQLite). All SQL lives here.
        .target(
            name: "LoyaltyStore",
            dependencies: [
                "LoyaltyCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                // The PostgreSQL engine (issue 18): the wire protocol client, no ORM.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // Lightspeed Retail API client: OAuth, sales, customers, items, pacing, button signatures.
        .target(
            name: "Lightspeed",
            dependencies: [
                "LoyaltyCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // A loopback server that speaks the Lightspeed API, for tests, the demo and training mode.
        .target(
            name: "LightspeedSimulator",
            dependencies: [
                "Lightspeed",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        // View-models: State, Msg, update(&state, msg) -> [Effect], effect runner. No curses, no SQL.
        // Uses only TerminalKit's pure input types (Key, text-field editing), never drawing or backends.
        .target(
            name: "LoyaltyFeatures",
            dependencies: ["LoyaltyCore", "LoyaltyStore", "Lightspeed", "TerminalKit",
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: strict),
        // wcwidth for Swift (Glibc does not expose it).
        .target(name: "CWidth"),
        // Curses-free drawing: cells, styles, screen buffer, widgets, keys, backends, snapshots.
        .target(name: "TerminalKit", dependencies: ["CWidth"], swiftSettings: strict),
        // The only code that touches ncurses.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "TerminalNcurses", dependencies: ["CNcursesw", "TerminalKit"], swiftSettings: strict),
        // Screens as render functions of state, keymaps, theme.
        // Renders feature state only: the read models it shows are Core values, never the store's.
        .target(name: "LoyaltyUI", dependencies: ["LoyaltyCore", "LoyaltyFeatures", "TerminalKit"], swiftSettings: strict),
        // Composition root as a library (so tests can reach it): CLI commands, config, demo loader, wiring.
        .target(
            name: "AstroLoyaltyApp",
            dependencies: [
                "LoyaltyCore", "LoyaltyStore", "Lightspeed", "LightspeedSimulator",
                "LoyaltyFeatures", "TerminalKit", "TerminalNcurses", "LoyaltyUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // The `astro-loyalty` binary: only `@main`, everything else is in AstroLoyaltyApp.
        .executableTarget(name: "AstroLoyalty", dependencies: ["AstroLoyaltyApp"], swiftSettings: strict),
        .executableTarget(
            name: "AstroLoyaltyBench",
            dependencies: [
                "LoyaltyCore", "LoyaltyStore", "LoyaltyFeatures", "TerminalKit", "LoyaltyUI", "Lightspeed",
                // The simulator serves the whole-fetch figure (own JSON reader vs Codable) over loopback.
                "LightspeedSimulator",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The raw sqlite3 C API, for the hand-written baseline the lookup is compared with.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // postgres-nio directly, for the raw PostgreSQL baseline (`PostgresBaseline`): the bench's declared
                // exception to "SQL only in LoyaltyStore", as the sqlite3 baseline is.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        // What tests share and production must never contain: the golden-file recorder (SNAPSHOT_RECORD) and the
        // cheap password hasher. No product depends on it, so neither can reach the binaries.
        .target(name: "TestSupport", dependencies: ["TerminalKit", "LoyaltyStore"], path: "Tests/TestSupport",
                swiftSettings: strict),

        .testTarget(name: "LoyaltyCoreTests",
                    dependencies: ["LoyaltyCore", .product(name: "PropertyBased", package: "swift-property-based")],
                    swiftSettings: strict),
        .testTarget(name: "LoyaltyStoreTests",
                    dependencies: ["LoyaltyStore", "LoyaltyCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Fixtures"],
                    swiftSettings: strict),
        .testTarget(name: "LightspeedTests",
                    dependencies: ["Lightspeed", "LightspeedSimulator", "LoyaltyCore",
                                   .product(name: "Logging", package: "swift-log")],
                    swiftSettings: strict),
        .testTarget(name: "LoyaltyFeaturesTests",
                    dependencies: ["LoyaltyFeatures", "LoyaltyStore", "LoyaltyCore", "TerminalKit", "Lightspeed",
                                   "TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TestSupport"], exclude: ["__Snapshots__"],
                    swiftSettings: strict),
        .testTarget(name: "TerminalNcursesTests", dependencies: ["TerminalNcurses", "TerminalKit"],
                    swiftSettings: strict),
        .testTarget(name: "LoyaltyUITests",
                    dependencies: ["LoyaltyUI", "LoyaltyFeatures", "TerminalKit", "LoyaltyStore", "LoyaltyCore", "TestSupport",
                                   "Lightspeed"],
                    exclude: ["__Snapshots__"],
                    swiftSettings: strict),
        .testTarget(name: "AstroLoyaltyAppTests",
                    dependencies: ["AstroLoyaltyApp", "LoyaltyStore", "LoyaltyCore", "LoyaltyFeatures",
                                   "Lightspeed", "LightspeedSimulator", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests",
                    dependencies: ["LoyaltyStore", "LoyaltyCore", .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: strict),
    ]
)

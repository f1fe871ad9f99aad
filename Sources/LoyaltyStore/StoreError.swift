import Foundation
import LoyaltyCore

/// Why the store refused or failed an action. Every case reads as one line a cashier or a
/// store manager understands; the UI and the CLI show `description` as is.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    // Opening the store file.
    case notADatabase(path: String)
    case newerThanThisProgram(path: String)
    case storeBusy(path: String)
    case cannotOpen(path: String, reason: String)
    /// The PostgreSQL server does not answer (down, unreachable, or too slow): nothing was written.
    /// `location` is the server's address without its password.
    case serverUnreachable(location: String)

    // Permissions and sign-in.
    case notAllowed(action: String, needs: Role)
    case wrongSecret(attemptsLeft: Int)
    /// `timeZone` is the store's: the end of the lock is told on the store's clock.
    case userLocked(username: String, until: Date, timeZone: TimeZone)
    case userDisabled(username: String)
    case unknownUser(String)
    case notLocked(String)
    case lastAdmin
    /// The operator claims a role the user no longer (or never) had.
    case roleNotHeld(username: String, role: Role)
    case usernameTaken(String)

    // Input and lookups.
    case invalid(String)
    case notFound(String)
    case customerMerged(id: Int64, into: Int64)

    // Programs, cards and punches.
    case upcInOtherProgram(upc: UPC, program: String)
    /// Adding a UPC the program already has: that is a change of its description or size, asked for as one.
    case upcAlreadyInProgram(upc: UPC, program: String, description: String, size: String)
    case upcNotInAnyProgram(UPC)
    case programNameTaken(String)
    case programInactive(String)
    case lightspeedCustomerTaken(lightspeedID: String, customerName: String)
    /// Core's rules refused: kept as values so a screen can offer the way out (e.g. "undo the
    /// redemption first"); `description` is the rule's own sentence.
    case cardRule(CardRefusal)
    case mergeRule(MergeRefusal)
    case pointsRule(PointsRefusal)
    case customerInput(CustomerInputError)
    case alreadyRecorded(String)
    /// Manufacturer claims: a rule set refused, the check at redemption failed, a claim's move refused.
    case claimRules(ClaimRulesProblem)
    case claimCheckFailed([ClaimRuleFailure])
    case claimRule(ClaimRefusal)

    // Locations (issue 18).
    /// A location rule refused (a program of another location, a location's own fields).
    case locationRule(LocationRefusal)
    /// A counter's config names no active location: `known` are the active ones.
    case unknownLocation(String, known: [String])

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "\(path) is not an Astro Loyalty store (it is not a SQLite database)."
        case .newerThanThisProgram(let path):
            "\(path) was written by a newer version of Astro Loyalty; update this program first."
        case .storeBusy(let path):
            "\(path) is held by another program that does not let go; try again in a moment."
        case .cannotOpen(let path, let reason):
            "Cannot open the store \(path): \(reason)"
        case .serverUnreachable(let location):
            "The store's server (\(location)) does not answer; nothing was written."
        case .notAllowed(let action, let needs):
            "Only \(Self.article(needs)) \(needs.rawValue) may \(action); ask \(Self.article(needs)) \(needs.rawValue) to approve it."
        case .wrongSecret(let left):
            left > 0 ? "Wrong username, password or PIN (\(Counting.of(left, "try")) left before a 5-minute lock)."
                : "Wrong username, password or PIN."
        case .userLocked(let username, let until, let zone):
            "\(username) is locked after too many wrong tries until \(StoreCalendar(timeZone: zone).clockTime(of: until))."
        case .userDisabled(let username):
            "\(username) is disabled; an admin can enable it again."
        case .unknownUser(let username):
            "There is no user \(username)."
        case .notLocked(let username):
            "\(username) is not locked: nothing to clear."
        case .roleNotHeld(let username, let role):
            "\(username) is \(Self.article(role)) \(role.rawValue) now: sign in again."
        case .lastAdmin:
            "This is the last admin: add another admin first."
        case .usernameTaken(let username):
            "The username \(username) is already taken."
        case .invalid(let message):
            message
        case .notFound(let what):
            "\(what) was not found."
        case .customerMerged(let id, let into):
            "Customer \(id) was combined into customer \(into)."
        case .upcInOtherProgram(let upc, let program):
            "UPC \(upc.display) already belongs to the program \"\(program)\"."
        case .upcAlreadyInProgram(let upc, let program, let description, let size):
            "UPC \(upc.display) is already in \"\(program)\" as \"\(description)\"\(size.isEmpty ? "" : " (\(size))"): "
                + "change it rather than add it again."
        case .upcNotInAnyProgram(let upc):
            "UPC \(upc.display) is in no program. Add it as an exception?"
        case .programInactive(let name):
            "The program \"\(name)\" is no longer active: its items earn no punches."
        case .programNameTaken(let name):
            "A program named \"\(name)\" already exists."
        case .lightspeedCustomerTaken(let lsid, let name):
            "Lightspeed customer \(lsid) is already linked to \(name)."
        case .cardRule(let refusal): refusal.description
        case .mergeRule(let refusal): refusal.description
        case .pointsRule(let refusal): refusal.description
        case .customerInput(let problem): problem.description
        case .alreadyRecorded(let what):
            "\(what) was already recorded."
        case .claimRules(let problem): problem.description
        case .claimCheckFailed(let failures):
            "The manufacturer's rules are not met: " + failures.map(\.description).joined(separator: " ")
                + " Pick another free item, ask a manager for an exception, or redeem it as store-funded."
        case .claimRule(let refusal): refusal.description
        case .locationRule(let refusal): refusal.description
        case .unknownLocation(let name, let known):
            "There is no active location \"\(name)\"; this store's locations are: \(known.joined(separator: ", "))."
        }
    }

    private static func article(_ role: Role) -> String { role == .admin ? "an" : "a" }
}

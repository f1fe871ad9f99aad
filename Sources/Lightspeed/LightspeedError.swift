import Foundation

/// Every way talking to Lightspeed can fail, each with a sentence a cashier can act on (`description`);
/// the technical detail travels in associated values and goes to the log, never on screen.
public enum LightspeedError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No tokens stored yet.
    case notConnected
    /// The refresh token was refused (revoked, expired after 30 days unused, or already rotated).
    case reconnectNeeded(detail: String)
    /// The token endpoint refused our client ID or secret.
    case badClientCredentials
    /// The pasted redirect does not carry the `state` this connection attempt generated.
    case stateMismatch
    /// No connect attempt with that `state` is open here (the program was restarted since the address was
    /// made, or many newer addresses were made): its PKCE verifier is gone.
    case attemptUnknown
    /// The pasted text holds neither a redirect URL with a code nor a bare code.
    case invalidRedirect
    /// The authorization code was refused (they live 60 seconds).
    case codeRejected(detail: String)
    /// Rate limited beyond what waiting could fix.
    case busy(retryAfterSeconds: Int?)
    case timedOut
    case unreachable(detail: String)
    /// 5xx after the retries.
    case serverError(status: Int)
    /// A body that is not the JSON we expected (truncated, an HTML page, a missing field).
    case malformedResponse(detail: String)
    case notFound(what: String)
    /// 403: the token lacks the scope, or the employee who connected lacks the right.
    case forbidden(detail: String)
    /// The token store could not save the rotated tokens.
    case storageFailed(detail: String)
    case unexpectedStatus(Int, detail: String)
    /// The task was cancelled (the cashier pressed Esc); nothing partial is returned.
    case cancelled

    public var description: String {
        switch self {
        case .notConnected:
            return "Lightspeed is not connected yet. An admin can connect it under Enable Lightspeed."
        case .reconnectNeeded:
            return "Reconnect Lightspeed: the link was revoked. An admin can connect it again under Enable Lightspeed."
        case .badClientCredentials:
            return "Lightspeed refused this program's client ID (or the store's own client secret). Check lightspeed.clientID and ASTRO_LIGHTSPEED_CLIENT_SECRET."
        case .stateMismatch:
            return "That address is from another connection attempt. Start connecting again and paste the new one."
        case .attemptUnknown:
            return "That address belongs to a connection attempt this program no longer has. Make a new address and approve again."
        case .invalidRedirect:
            return "Paste the whole address the browser showed after you approved, or just the code."
        case .codeRejected:
            return "Lightspeed did not accept that code (it is only valid for one minute). Start connecting again."
        case .busy:
            return "Lightspeed is busy, try again in a minute."
        case .timedOut:
            return "Lightspeed did not answer in time. Check the internet connection and try again."
        case .unreachable:
            return "Cannot reach Lightspeed. Check the internet connection and try again."
        case .serverError:
            return "Lightspeed is having trouble right now. Try again in a few minutes."
        case .malformedResponse:
            return "Lightspeed sent an answer this program could not read. Try again; if it keeps happening, call support."
        case .notFound(let what):
            return "Lightspeed has no \(what)."
        case .forbidden:
            return "Lightspeed does not allow this for the connected employee. Reconnect Lightspeed with an employee who can see sales, customers and items."
        case .storageFailed:
            return "Could not save the Lightspeed connection on this computer. Check the disk, then reconnect Lightspeed."
        case .unexpectedStatus:
            return "Lightspeed answered in an unexpected way. Try again; if it keeps happening, call support."
        case .cancelled:
            return "Cancelled. Nothing was changed."
        }
    }

    /// Whether reconnecting (not retrying) is what fixes it.
    public var needsReconnect: Bool {
        switch self {
        case .notConnected, .reconnectNeeded, .badClientCredentials: return true
        default: return false
        }
    }
}

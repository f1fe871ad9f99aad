import Lightspeed
import LoyaltyCore
import LoyaltyStore

/// Why an effect failed, as it reaches an update function: the error itself, typed, never a sentence made
/// on the way. The view-model decides by case (and its tests assert the case); the sentence the cashier
/// reads is made by the screen's Strings file (`FeatureStrings.reason`, used by each screen's own
/// wording).
public enum EffectError: Error, Hashable, Sendable {
    case store(StoreError)
    case customerInput(CustomerInputError)
    case upc(UPCError)
    case importHistory(ImportHistoryError)
    case lightspeed(LightspeedError)
    case lightspeedService(LightspeedServiceError)
    case lightspeedSale(LightspeedSaleError)
    case file(AdminFileError)
    /// An error of no kind above (a defect or the operating system): its own words, as the log has them.
    case unexpected(String)

    /// Sorts any error thrown while running an effect into its kind.
    public init(_ error: any Error) {
        switch error {
        case let e as EffectError: self = e
        case let e as StoreError: self = .store(e)
        case let e as CustomerInputError: self = .customerInput(e)
        case let e as UPCError: self = .upc(e)
        case let e as ImportHistoryError: self = .importHistory(e)
        case let e as LightspeedError: self = .lightspeed(e)
        case let e as LightspeedServiceError: self = .lightspeedService(e)
        case let e as LightspeedSaleError: self = .lightspeedSale(e)
        case let e as AdminFileError: self = .file(e)
        default: self = .unexpected(String(describing: error))
        }
    }
}

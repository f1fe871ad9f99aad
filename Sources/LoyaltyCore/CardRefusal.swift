/// Why a card action was refused. Each reads as one line a cashier or manager understands,
/// and says what to do instead where there is something to do.
public enum CardRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    case notComplete(CardState)
    case rewardNotInProgram(UPC)
    case notRedeemed(CardState)
    case cardRedeemed
    case reasonRequired
    case otherReasonNeedsText
    case paperPunchCount(Int, max: Int)
    case paperDatesReversed
    case paperDateInFuture
    case splitNeedsTwoPunches(have: Int)
    case splitNothingChosen
    case splitAllChosen
    case splitChoiceNotOnCard
    case punchNotOnCard
    case punchAlreadyRemoved
    case undoOnlyToday(LocalDate)
    case undoWrongSource(PunchSource)

    public var description: String {
        switch self {
        case .notComplete(let state):
            "Only a complete card can be redeemed; this card is \(state.rawValue)."
        case .rewardNotInProgram(let upc):
            "\(upc.display) is not one of this program's items; pick the free item from the program's list."
        case .notRedeemed(let state):
            "Only a redeemed card can have its redemption undone; this card is \(state.rawValue)."
        case .cardRedeemed:
            "This card has been redeemed: undo the redemption first (manager)."
        case .reasonRequired:
            "A reason is required."
        case .otherReasonNeedsText:
            "Say what the other reason is."
        case .paperPunchCount(let k, let max):
            "A paper card conversion adds 1 to \(max) punches (got \(k))."
        case .paperDatesReversed:
            "The paper card's first purchase must not be after its last purchase."
        case .paperDateInFuture:
            "The paper card's dates cannot be in the future."
        case .splitNeedsTwoPunches(let have):
            "A card needs at least 2 punches to be split; this one has \(have)."
        case .splitNothingChosen:
            "Choose the punches that move to the new card."
        case .splitAllChosen:
            "Leave at least one punch on this card; choose fewer punches to move."
        case .splitChoiceNotOnCard:
            "Only this card's counting punches can be moved."
        case .punchNotOnCard:
            "That punch is not on this card."
        case .punchAlreadyRemoved:
            "That punch has already been removed."
        case .undoOnlyToday(let date):
            "Only a punch recorded today can be undone; this one is from \(date.iso). Ask a manager to remove it."
        case .undoWrongSource(let source):
            "Only today's counter, button and exception punches can be undone; this one is \(source.rawValue). "
                + "Ask a manager to remove it."
        }
    }
}

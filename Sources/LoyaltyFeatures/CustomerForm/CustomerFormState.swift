import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// One pet row of the customer form.
public struct PetInput: Hashable, Sendable {
    public var name: TextFieldState
    public var species: TextFieldState
    public var error: String?

    public init(name: String = "", species: String = "") {
        self.name = TextFieldState(text: name, maxLength: 40)
        self.species = TextFieldState(text: species, maxLength: 30)
        error = nil
    }

    public var isBlank: Bool {
        name.text.trimmingCharacters(in: .whitespaces).isEmpty && species.text.trimmingCharacters(in: .whitespaces).isEmpty
    }
}

/// The inputs of the customer form, in the order Tab visits them.
public enum CustomerFormField: Hashable, Sendable {
    case firstName, lastName, phone, email
    case petName(Int), petSpecies(Int)

    /// The Core field this input fills, for the inline messages of `CustomerDraft.problems()`.
    public var coreField: CustomerField? {
        switch self {
        case .firstName: .firstName
        case .lastName: .lastName
        case .phone: .phone
        case .email: .email
        case .petName, .petSpecies: nil
        }
    }
}

/// Add or edit a customer: names, phone, email, pets; inline errors from Core's rules; the duplicate
/// warning (same phone or email, or a similar name) that offers the existing customer instead.
public struct CustomerFormState: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case add
        case edit(Int64)
    }

    public var mode: Mode
    public var firstName: TextFieldState
    public var lastName: TextFieldState
    public var phone: TextFieldState
    public var email: TextFieldState
    /// Pets typed in this form (on edit: pets to add).
    public var pets: [PetInput]
    /// On edit: the pets the customer already has (shown, kept as they are).
    public var existingPets: [Pet]
    /// Kept unchanged on edit (the form does not show notes).
    public var notes: String
    public var focus: CustomerFormField
    public var errors: [CustomerField: String]
    /// Non-empty while the duplicate warning is shown over the form.
    public var duplicates: [DuplicateCandidate]
    public var duplicateSelection: Int
    /// A duplicate check or a save is running: Save is ignored until it answers.
    public var isBusy: Bool
    /// Where Esc returns to.
    public var returnRoute: Route
    /// What the fields held when the form opened (pre-filled or the customer's): Esc asks only when they differ.
    var opened: [String] = []

    /// Pet rows the form takes at once (what fits at 80×24 beside the fields and their messages).
    public static let maxPets = 6

    public init(mode: Mode = .add, returnRoute: Route = .lookup) {
        self.mode = mode
        firstName = TextFieldState(maxLength: CustomerRules.maxNameLength)
        lastName = TextFieldState(maxLength: CustomerRules.maxNameLength)
        phone = TextFieldState(maxLength: 24, allowed: .phone)
        email = TextFieldState(maxLength: CustomerRules.maxEmailLength)
        pets = []
        existingPets = []
        notes = ""
        focus = .firstName
        errors = [:]
        duplicates = []
        duplicateSelection = 0
        isBusy = false
        self.returnRoute = returnRoute
        opened = typed
    }

    /// Every input's text, in order (pets included).
    var typed: [String] {
        [firstName.text, lastName.text, phone.text, email.text] + pets.flatMap { [$0.name.text, $0.species.text] }
    }

    /// Something was typed (or a pet added) since the form opened.
    public var hasUnsavedInput: Bool { typed != opened }

    /// A new-customer form pre-filled from what was searched: digits go to the phone, an address with
    /// "@" to the email, words to the names.
    public static func prefilled(fromQuery query: String) -> CustomerFormState {
        var state = CustomerFormState()
        let text = query.trimmingCharacters(in: .whitespaces)
        if text.contains("@") {
            state.email.setText(text)
        } else if !text.isEmpty, text.allSatisfy({ ($0.isASCII && $0.isNumber) || " +-().".contains($0) }) {
            state.phone.setText(text)
        } else if !text.isEmpty {
            let words = text.split(separator: " ")
            state.firstName.setText(words.first.map { String($0).capitalized } ?? "")
            if words.count > 1 { state.lastName.setText(words.dropFirst().joined(separator: " ").capitalized) }
            state.focus = words.count > 1 ? .phone : .lastName
        }
        state.opened = state.typed
        return state
    }

    /// The form for editing `customer`.
    public static func editing(_ customer: Customer, pets: [Pet], returnRoute: Route) -> CustomerFormState {
        var state = CustomerFormState(mode: .edit(customer.id), returnRoute: returnRoute)
        state.firstName.setText(customer.firstName)
        state.lastName.setText(customer.lastName)
        state.phone.setText(customer.phone ?? "")
        state.email.setText(customer.email ?? "")
        state.notes = customer.notes
        state.existingPets = pets
        state.opened = state.typed
        return state
    }

    public var isEditing: Bool { if case .edit = mode { true } else { false } }

    /// The inputs in Tab order.
    public var fieldOrder: [CustomerFormField] {
        [.firstName, .lastName, .phone, .email]
            + pets.indices.flatMap { [CustomerFormField.petName($0), .petSpecies($0)] }
    }

    public var draft: CustomerDraft {
        CustomerDraft(firstName: firstName.text, lastName: lastName.text, phone: phone.text, email: email.text)
    }

    /// The pets to save: blank rows dropped, names and species trimmed.
    public var petsToSave: [Pet] {
        pets.filter { !$0.isBlank }.map {
            Pet(name: $0.name.text.trimmingCharacters(in: .whitespaces),
                species: $0.species.text.trimmingCharacters(in: .whitespaces))
        }
    }

    public var showsDuplicateWarning: Bool { !duplicates.isEmpty }

    public var selectedDuplicate: DuplicateCandidate? {
        duplicates.indices.contains(duplicateSelection) ? duplicates[duplicateSelection] : nil
    }

    /// The text field for an input (nil for a pet row that no longer exists).
    public func input(_ field: CustomerFormField) -> TextFieldState? {
        switch field {
        case .firstName: firstName
        case .lastName: lastName
        case .phone: phone
        case .email: email
        case .petName(let i): pets.indices.contains(i) ? pets[i].name : nil
        case .petSpecies(let i): pets.indices.contains(i) ? pets[i].species : nil
        }
    }
}

/// What can happen in the customer form: the cashier's intents, then the store's answers.
public enum CustomerFormMsg: Hashable, Sendable {
    // Intents
    case edit(Key)
    case nextField
    case previousField
    /// Enter: the next field, or save from the last one.
    case advance
    case addPet
    case removePet
    case save
    case cancel
    // The duplicate warning
    case moveDuplicate(Key)
    case openDuplicate
    case saveAnyway
    case keepEditing
    // Results
    case duplicatesFound([DuplicateCandidate])
    case saved(Customer)
    case saveFailed(EffectError)

    public var isIntent: Bool {
        switch self {
        case .duplicatesFound, .saved, .saveFailed: false
        default: true
        }
    }
}

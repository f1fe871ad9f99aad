import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The customer form's rules: editing, inline validation with Core's `CustomerRules`, the duplicate check
/// before saving, and the save itself (one store transaction). Leaving the form (cancel, open the
/// duplicate, after saving) is navigation, handled by `AppFeature`.
public enum CustomerFormFeature {
    public static func update(_ state: inout CustomerFormState, _ msg: CustomerFormMsg, session: Session) -> [Effect] {
        switch msg {
        case .edit(let key):
            guard !state.showsDuplicateWarning else { return [] }
            if edit(&state, key) == .edited {
                if let field = state.focus.coreField { state.errors[field] = nil }
                if case .petName(let i) = state.focus { state.pets[i].error = nil }
                if case .petSpecies(let i) = state.focus { state.pets[i].error = nil }
            }
            return []

        case .nextField:
            move(&state, by: 1)
            return []

        case .previousField:
            move(&state, by: -1)
            return []

        case .advance:
            if state.focus == state.fieldOrder.last { return update(&state, .save, session: session) }
            move(&state, by: 1)
            return []

        case .addPet:
            guard state.pets.count < CustomerFormState.maxPets else { return [] }
            state.pets.append(PetInput())
            state.focus = .petName(state.pets.count - 1)
            return []

        case .removePet:
            let index: Int
            switch state.focus {
            case .petName(let i), .petSpecies(let i): index = i
            default:
                guard !state.pets.isEmpty else { return [] }
                index = state.pets.count - 1
            }
            state.pets.remove(at: index)
            if case .petName = state.focus { state.focus = focusAfterRemovingPet(state, index) }
            if case .petSpecies = state.focus { state.focus = focusAfterRemovingPet(state, index) }
            return []

        case .save:
            guard !state.isBusy, !state.showsDuplicateWarning else { return [] }
            guard validate(&state) else { return [] }
            state.isBusy = true
            var excluded: Int64?
            if case .edit(let id) = state.mode { excluded = id }
            return [.findDuplicates(state.draft, excluding: excluded)]

        case .duplicatesFound(let found):
            guard state.isBusy else { return [] }
            if found.isEmpty { return saveEffects(&state, session: session) }
            state.isBusy = false
            state.duplicates = found
            state.duplicateSelection = 0
            return []

        case .moveDuplicate(let key):
            guard state.showsDuplicateWarning else { return [] }
            var selection = ListSelection(count: state.duplicates.count, index: state.duplicateSelection)
            selection.handle(key, visibleRows: state.duplicates.count)
            state.duplicateSelection = selection.index ?? 0
            return []

        case .saveAnyway:
            guard state.showsDuplicateWarning else { return [] }
            state.duplicates = []
            return saveEffects(&state, session: session)

        case .keepEditing:
            state.duplicates = []
            return []

        case .openDuplicate, .cancel:
            return []

        case .saved:
            state.isBusy = false
            return []

        case .saveFailed:
            state.isBusy = false
            return []
        }
    }

    private static func edit(_ state: inout CustomerFormState, _ key: Key) -> TextFieldState.Outcome {
        switch state.focus {
        case .firstName: state.firstName.handle(key)
        case .lastName: state.lastName.handle(key)
        case .phone: state.phone.handle(key)
        case .email: state.email.handle(key)
        case .petName(let i): state.pets.indices.contains(i) ? state.pets[i].name.handle(key) : .notHandled
        case .petSpecies(let i): state.pets.indices.contains(i) ? state.pets[i].species.handle(key) : .notHandled
        }
    }

    /// Moves the focus, checking the field being left (inline validation) when something was typed in it.
    private static func move(_ state: inout CustomerFormState, by delta: Int) {
        guard !state.showsDuplicateWarning else { return }
        let order = state.fieldOrder
        checkField(&state, state.focus)
        let current = order.firstIndex(of: state.focus) ?? 0
        state.focus = order[(current + delta + order.count) % order.count]
    }

    private static func checkField(_ state: inout CustomerFormState, _ field: CustomerFormField) {
        guard let core = field.coreField, let input = state.input(field),
              !input.text.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        state.errors[core] = state.draft.problems()[core]?.description
    }

    private static func focusAfterRemovingPet(_ state: CustomerFormState, _ index: Int) -> CustomerFormField {
        if state.pets.isEmpty { return .email }
        return .petName(min(index, state.pets.count - 1))
    }

    /// Checks every field; on problems, marks them and focuses the first.
    static func validate(_ state: inout CustomerFormState) -> Bool {
        let problems = state.draft.problems()
        state.errors = problems.mapValues(\.description)
        var petsOK = true
        for i in state.pets.indices {
            let pet = state.pets[i]
            if pet.name.text.trimmingCharacters(in: .whitespaces).isEmpty && !pet.isBlank {
                state.pets[i].error = FeatureStrings.petNeedsName
                petsOK = false
            } else {
                state.pets[i].error = nil
            }
        }
        if let first = state.fieldOrder.first(where: { field in
            if let core = field.coreField { return problems[core] != nil }
            if case .petName(let i) = field { return state.pets[i].error != nil }
            return false
        }) {
            state.focus = first
        }
        return problems.isEmpty && petsOK
    }

    private static func saveEffects(_ state: inout CustomerFormState, session: Session) -> [Effect] {
        let action: Action = state.isEditing ? .editCustomer : .addCustomer
        guard session.may(action) else {
            state.isBusy = false
            return []
        }
        state.isBusy = true
        switch state.mode {
        case .add:
            return [.addCustomer(state.draft, pets: state.petsToSave, by: session.op)]
        case .edit(let id):
            return [.updateCustomer(id: id, state.draft, notes: state.notes, newPets: state.petsToSave, by: session.op)]
        }
    }
}

import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// Add / edit customer: the four fields with their inline errors, then the pets (name and species side by
/// side), and the duplicate warning as a dialog over the form.
public enum CustomerFormScreen {
    static let labelWidth = 13

    public static func render(_ state: CustomerFormState, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = area.inset(left: 1, right: 1)
        let (titleRow, rest) = inner.splitTop(2)
        buffer.draw(state.isEditing ? UIStrings.editCustomerTitle : UIStrings.newCustomerTitle,
                    in: titleRow, style: .title)
        let fieldWidth = min(60, max(10, rest.width - labelWidth))
        var y = rest.y

        let fields: [(String, CustomerFormField, String?)] = [
            (UIStrings.firstNameLabel + " " + UIStrings.requiredMark, .firstName, nil),
            (UIStrings.lastNameLabel + " " + UIStrings.requiredMark, .lastName, nil),
            (UIStrings.phoneLabel, .phone, UIStrings.optional),
            (UIStrings.emailLabel, .email, UIStrings.optional),
        ]
        for (label, field, placeholder) in fields where y < rest.maxY {
            guard let input = state.input(field) else { continue }
            let focused = state.focus == field
            buffer.draw(label, in: Rect(x: rest.x, y: y, width: labelWidth - 1, height: 1),
                        style: focused ? .emphasis : .label)
            TextFieldView(input, isFocused: focused, placeholder: placeholder)
                .draw(into: &buffer, in: Rect(x: rest.x + labelWidth, y: y, width: fieldWidth, height: 1))
            y += 1
            if let core = field.coreField, let error = state.errors[core], y < rest.maxY {
                buffer.draw(error, in: Rect(x: rest.x + labelWidth, y: y, width: rest.width - labelWidth, height: 1),
                            style: .error)
                y += 1
            }
        }

        y += 1
        guard y < rest.maxY else { return }
        buffer.draw(UIStrings.petsHeading, in: Rect(x: rest.x, y: y, width: labelWidth - 1, height: 1), style: .title)
        if !state.existingPets.isEmpty {
            let onFile = UIStrings.petsOnFile + " " + petList(state.existingPets)
            buffer.draw(onFile, in: Rect(x: rest.x + labelWidth, y: y, width: rest.width - labelWidth, height: 1),
                        style: .dim)
            y += 1
        }
        if state.pets.isEmpty {
            if state.existingPets.isEmpty {
                buffer.draw(UIStrings.noPets, in: Rect(x: rest.x + labelWidth, y: y, width: rest.width - labelWidth,
                                                       height: 1), style: .dim)
            }
            return
        }
        let nameWidth = min(24, max(8, (rest.width - labelWidth) / 2 - 6))
        let speciesLabel = UIStrings.speciesLabel + " "
        let speciesLabelWidth = TextWidth.width(of: speciesLabel)
        let speciesWidth = min(20, max(6, rest.width - labelWidth - nameWidth - 2 - speciesLabelWidth))
        for (i, pet) in state.pets.enumerated() where y < rest.maxY {
            let nameFocused = state.focus == .petName(i), speciesFocused = state.focus == .petSpecies(i)
            buffer.draw(UIStrings.petLabel(i + 1), in: Rect(x: rest.x, y: y, width: labelWidth - 1, height: 1),
                        style: nameFocused || speciesFocused ? .emphasis : .label)
            var x = rest.x + labelWidth
            TextFieldView(pet.name, isFocused: nameFocused, placeholder: UIStrings.petNamePlaceholder)
                .draw(into: &buffer, in: Rect(x: x, y: y, width: nameWidth, height: 1))
            x += nameWidth + 2
            buffer.draw(speciesLabel, in: Rect(x: x, y: y, width: speciesLabelWidth, height: 1), style: .label)
            x += speciesLabelWidth
            TextFieldView(pet.species, isFocused: speciesFocused, placeholder: UIStrings.speciesPlaceholder)
                .draw(into: &buffer, in: Rect(x: x, y: y, width: speciesWidth, height: 1))
            y += 1
            if let error = pet.error, y < rest.maxY {
                buffer.draw(error, in: Rect(x: rest.x + labelWidth, y: y, width: rest.width - labelWidth, height: 1),
                            style: .error)
                y += 1
            }
        }
    }

    /// The duplicate warning: who may already be this customer and why, one selectable line each.
    static func duplicateDialog(_ state: CustomerFormState) -> ModalDialog {
        var body = [StyledText(UIStrings.duplicateIntro)]
        for (i, candidate) in state.duplicates.prefix(6).enumerated() {
            let c = candidate.customer
            // One line per candidate (a wrapped line would lose the highlight): the phone, else the email.
            let contact = c.phone.map { Formatting.phone($0) } ?? c.email ?? ""
            let reasons = candidate.reasons.map(reasonText).joined(separator: ", ")
            // A no-break space keeps the unselected lines aligned (the dialog drops leading spaces).
            let marker = i == state.duplicateSelection ? "▸" : "\u{00A0}"
            let line = [marker, c.fullName, contact.isEmpty ? nil : "· " + contact, "· " + reasons]
                .compactMap { $0 }.joined(separator: " ")
            body.append(StyledText(TextWidth.truncate(line, toWidth: 70),
                                   style: i == state.duplicateSelection ? .selection : .normal))
        }
        return ModalDialog(title: UIStrings.duplicateTitle, body: body,
                           actions: Keymaps.duplicateWarning.barItems, maxWidth: 76)
    }

    static func reasonText(_ reason: DuplicateCandidate.Reason) -> String {
        switch reason {
        case .samePhone: UIStrings.reasonSamePhone
        case .sameEmail: UIStrings.reasonSameEmail
        case .sameName: UIStrings.reasonSameName
        case .similarName: UIStrings.reasonSimilarName
        }
    }
}

extension CustomerFormScreen {
    /// "Rex (dog), Mia": the pets already on file, as the edit form lists them.
    static func petList(_ pets: [Pet]) -> String {
        pets.map { $0.species.isEmpty ? $0.name : "\($0.name) (\($0.species))" }.joined(separator: ", ")
    }
}

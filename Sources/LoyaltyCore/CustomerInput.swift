import Foundation

/// The fields of the add/edit customer form, for attaching a message to the right field.
public enum CustomerField: String, Sendable, CaseIterable, Hashable {
    case firstName, lastName, phone, email
}

/// Why a customer form was refused. Each reads as one line for a cashier.
public enum CustomerInputError: Error, Hashable, Sendable, CustomStringConvertible {
    case nameMissing(CustomerField)
    case nameTooLong(CustomerField, max: Int)
    case nameHasControlCharacters(CustomerField)
    case phoneHasLetters
    case phoneLength(digits: Int)
    case emailInvalid(String)
    case emailTooLong(max: Int)

    public var field: CustomerField {
        switch self {
        case .nameMissing(let f), .nameTooLong(let f, _), .nameHasControlCharacters(let f): f
        case .phoneHasLetters, .phoneLength: .phone
        case .emailInvalid, .emailTooLong: .email
        }
    }

    public var description: String {
        switch self {
        case .nameMissing(let f): "The \(Self.label(f)) is required."
        case .nameTooLong(let f, let max): "The \(Self.label(f)) is too long (at most \(max) characters)."
        case .nameHasControlCharacters(let f): "The \(Self.label(f)) contains characters that cannot be shown."
        case .phoneHasLetters: "A phone number has digits only (spaces, dashes, dots, brackets and + are fine)."
        case .phoneLength(let n): "A phone number has 7 to 15 digits; this one has \(n)."
        case .emailInvalid(let text): "\"\(text)\" does not look like an email address (name@example.com)."
        case .emailTooLong(let max): "The email address is too long (at most \(max) characters)."
        }
    }

    private static func label(_ field: CustomerField) -> String {
        switch field {
        case .firstName: "first name"
        case .lastName: "last name"
        case .phone: "phone number"
        case .email: "email address"
        }
    }
}

/// What a cashier typed into the customer form, before any rule ran.
public struct CustomerDraft: Sendable, Hashable {
    public var firstName: String
    public var lastName: String
    public var phone: String
    public var email: String

    public init(firstName: String, lastName: String, phone: String = "", email: String = "") {
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.email = email
    }

    /// Every field's problem at once, for inline messages; empty when the form is acceptable.
    public func problems() -> [CustomerField: CustomerInputError] {
        var found: [CustomerField: CustomerInputError] = [:]
        do { _ = try CustomerRules.name(firstName, field: .firstName) } catch { found[.firstName] = error }
        do { _ = try CustomerRules.name(lastName, field: .lastName) } catch { found[.lastName] = error }
        do { _ = try CustomerRules.phone(phone) } catch { found[.phone] = error }
        do { _ = try CustomerRules.email(email) } catch { found[.email] = error }
        return found
    }

    /// The normalized values, or the first problem (in form order).
    public func normalized() throws(CustomerInputError) -> NormalizedCustomerInput {
        NormalizedCustomerInput(firstName: try CustomerRules.name(firstName, field: .firstName),
                                lastName: try CustomerRules.name(lastName, field: .lastName),
                                phone: try CustomerRules.phone(phone),
                                email: try CustomerRules.email(email))
    }
}

/// Customer fields in the one form the store keeps and compares: trimmed names, phone digits, lower-cased email.
public struct NormalizedCustomerInput: Sendable, Hashable {
    public var firstName: String
    public var lastName: String
    public var phone: String?
    public var email: String?

    public init(firstName: String, lastName: String, phone: String?, email: String?) {
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.email = email
    }
}

/// The rules for customer fields. Phone and email identify customers, so they are normalized
/// before they are stored or compared.
public enum CustomerRules {
    public static let maxNameLength = 60
    public static let maxEmailLength = 254

    /// Trimmed, inner runs of spaces made single; required; no control characters (they would
    /// reach the terminal).
    public static func name(_ raw: String, field: CustomerField) throws(CustomerInputError) -> String {
        let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" })
        let text = words.joined(separator: " ")
        guard !text.isEmpty else { throw .nameMissing(field) }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .nameHasControlCharacters(field)
        }
        guard text.count <= maxNameLength else { throw .nameTooLong(field, max: maxNameLength) }
        return text
    }

    /// Digits only, or nil when left empty. Accepts any usual formatting ("(555) 123-4567",
    /// "+1 555.123.4567"). A North American number written with its country code 1 (11 digits
    /// starting with 1) is kept as its 10 digits, so both spellings identify the same customer.
    public static func phone(_ raw: String) throws(CustomerInputError) -> String? {
        let allowed: Set<Character> = [" ", "-", ".", "(", ")", "+", "/", "\t"]
        var digits = ""
        for character in raw {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if !allowed.contains(character) {
                throw .phoneHasLetters
            }
        }
        if digits.isEmpty { return nil }
        if digits.count == 11, digits.first == "1" { digits.removeFirst() }
        guard (7...15).contains(digits.count) else { throw .phoneLength(digits: digits.count) }
        return digits
    }

    /// Lower-cased, or nil when left empty. Checked for a plausible shape only (one @, a dotted
    /// domain, no spaces): the only real check is whether mail arrives.
    public static func email(_ raw: String) throws(CustomerInputError) -> String? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if text.isEmpty { return nil }
        guard text.count <= maxEmailLength else { throw .emailTooLong(max: maxEmailLength) }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let unprintable = text.contains { c in
            c.isWhitespace || c.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        guard parts.count == 2, !parts[0].isEmpty, !unprintable else {
            throw .emailInvalid(shown)
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), labels.last!.count >= 2 else {
            throw .emailInvalid(shown)
        }
        return text
    }
}

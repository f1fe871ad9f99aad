import Foundation
import Lightspeed

/// One `field=OP,value` filter as Lightspeed parses it (operators inside the value, URL-encoded).
struct SimulatorFilter {
    enum Operator: String, CaseIterable {
        case between = "><", greaterOrEqual = ">=", lessOrEqual = "<=", notEqual = "!=", notLike = "!~"
        case greater = ">", less = "<", equal = "=", like = "~", inList = "IN"
    }

    var field: String
    var op: Operator
    var arguments: [String]

    init(field: String, value: String) {
        self.field = field
        if let comma = value.firstIndex(of: ","),
           let op = Operator(rawValue: String(value[..<comma]).trimmingCharacters(in: .whitespaces)) {
            self.op = op
            let rest = String(value[value.index(after: comma)...])
            switch op {
            case .between:
                arguments = rest.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            case .inList:
                let inner = rest.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                arguments = inner.split(separator: ",").map {
                    $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
                }
            default:
                arguments = [rest]
            }
        } else {
            op = .equal
            arguments = [value]
        }
    }

    var isTimeField: Bool {
        field.hasSuffix("Time") || field.lowercased() == "timestamp" || field.lowercased() == "updatetime"
    }

    /// A 400 message when an argument cannot be what the field needs (e.g. a `+` offset sent raw).
    func validationError() -> String? {
        if op == .between, arguments.count != 2 { return "The between operator needs two values for \(field)." }
        if isTimeField, op != .like, op != .notLike {
            for argument in arguments where LightspeedDate.parse(argument) == nil {
                return "Invalid datetime for \(field): \(argument)"
            }
        }
        return nil
    }

    /// Whether any of the candidate values (one field may stand for several, like a customer's phones) passes.
    func matches(_ values: [String]) -> Bool {
        switch op {
        case .notEqual: return !values.contains { SimulatorFilter.compare($0, arguments[0]) == 0 }
        case .notLike: return !values.contains { SimulatorFilter.like($0, arguments[0]) }
        default: return values.contains(where: matchesOne)
        }
    }

    private func matchesOne(_ value: String) -> Bool {
        switch op {
        case .equal: return SimulatorFilter.compare(value, arguments[0]) == 0
        case .greater: return SimulatorFilter.compare(value, arguments[0]) > 0
        case .greaterOrEqual: return SimulatorFilter.compare(value, arguments[0]) >= 0
        case .less: return !value.isEmpty && SimulatorFilter.compare(value, arguments[0]) < 0
        case .lessOrEqual: return !value.isEmpty && SimulatorFilter.compare(value, arguments[0]) <= 0
        case .between:
            return !value.isEmpty && SimulatorFilter.compare(value, arguments[0]) >= 0
                && SimulatorFilter.compare(value, arguments[1]) <= 0
        case .like: return SimulatorFilter.like(value, arguments[0])
        case .inList: return arguments.contains { SimulatorFilter.compare(value, $0) == 0 }
        case .notEqual, .notLike: return false
        }
    }

    /// Dates as instants, numbers as numbers, otherwise text.
    static func compare(_ a: String, _ b: String) -> Int {
        if let x = LightspeedDate.parse(a), let y = LightspeedDate.parse(b) {
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        if let x = Double(a), let y = Double(b) {
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        return a == b ? 0 : (a < b ? -1 : 1)
    }

    /// SQL LIKE with `%` wildcards, case-insensitive.
    static func like(_ value: String, _ pattern: String) -> Bool {
        let parts = pattern.lowercased().components(separatedBy: "%")
        var rest = Substring(value.lowercased())
        for (index, part) in parts.enumerated() {
            if part.isEmpty { continue }
            if index == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if let range = rest.range(of: part) {
                rest = rest[range.upperBound...]
            } else {
                return false
            }
        }
        if let last = parts.last, !last.isEmpty, parts.count > 1 {
            return value.lowercased().hasSuffix(last)
        }
        return parts.count > 1 || rest.isEmpty
    }
}

/// The opaque `after`/`before` cursors: base64 of a JSON array of the sort value and the id, like the real ones.
enum SimulatorCursor {
    static func make(sortValue: String, id: String) -> String {
        let array: LightspeedJSON = .array([.string(sortValue), .number(Double(id) ?? 0)])
        return array.encoded().base64EncodedString()
    }

    static func parse(_ cursor: String) -> (sortValue: String, id: String)? {
        guard let data = Data(base64Encoded: cursor), let json = try? LightspeedJSON.parse(data),
              case .array(let parts) = json, parts.count == 2,
              let value = parts[0].text, let id = parts[1].text else { return nil }
        return (value, id)
    }
}

@main
struct Bench {
    static func main() { print("benchmark: not built yet") }
}

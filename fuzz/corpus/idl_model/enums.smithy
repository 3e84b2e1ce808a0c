$version: "2.0"
namespace example.seed

enum Color {
    RED
    /// Green, lower case on the wire.
    GREEN = "green"
    @deprecated
    BLUE
}

intEnum Level {
    LOW = 1
    HIGH = 10
}

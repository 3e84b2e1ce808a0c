$version: "2"
namespace example.seed

use smithy.api#String

/// A documented string.
///
/// With a blank line.
@length(min: 1, max: 10)
@pattern("^[a-z]+$")
string Name

@range(min: 0)
integer Count

list Names {
    @length(min: 1)
    member: Name
}

map Counts {
    key: Name
    value: Count
}

structure Thing {
    @required
    name: Name

    count: Count = 0

    names: Names
}

union Choice {
    name: Name
    count: Count
    nothing: Unit
}

@sparse
list SparseNames { member: Name }

$version: "2.0"
namespace a.b
@tags(["a"
string S

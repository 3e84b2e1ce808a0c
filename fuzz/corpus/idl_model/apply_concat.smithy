$version: "2.0"
namespace a.b
string S
apply S @tags(["a"])
apply S @tags(["b"])

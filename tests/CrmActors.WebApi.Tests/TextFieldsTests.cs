using CrmActors.GrainInterfaces.Common;
using CrmActors.WebApi.Errors;

namespace CrmActors.WebApi.Tests;

public sealed class TextFieldsTests
{
    [Theory]
    [InlineData("note", TextShape.MultiLine)]
    [InlineData("leads[0].note", TextShape.MultiLine)]
    [InlineData("summary", TextShape.MultiLine)]
    [InlineData("description", TextShape.MultiLine)]
    [InlineData("hints[2].card", TextShape.MultiLine)]
    [InlineData("fields.customerWords", TextShape.MultiLine)]
    [InlineData("name", TextShape.SingleLine)]
    [InlineData("phone", TextShape.SingleLine)]
    [InlineData("fields", TextShape.SingleLine)]
    [InlineData("tags[0]", TextShape.SingleLine)]
    [InlineData("evidence[0].ref", TextShape.SingleLine)]
    [InlineData("workingHours.timeZone", TextShape.SingleLine)]
    [InlineData("notes.title", TextShape.SingleLine)]
    public void ShapeOf_FieldPath_IsMultiLineOnlyForFreeText(string path, TextShape expected)
    {
        Assert.Equal(expected, TextFields.ShapeOf(path));
    }
}

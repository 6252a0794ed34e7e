// One side of a changed value, word by word, as the grid's changed cells and the row detail show it.
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace CsvDiff.Web.Components;

internal static class ChangedWords
{
    /// <summary>
    /// The words of <paramref name="segments"/> one side has: those only it has marked (<c>del</c> for
    /// <see cref="SegmentKind.Deleted"/>, <c>ins</c> for <see cref="SegmentKind.Inserted"/>), the shared ones plain. Every piece
    /// is text, never markup. A fragment rather than a component: the grid draws one per changed cell, and each component
    /// would be one more object to create and render in the browser's interpreter.
    /// </summary>
    public static RenderFragment Side(IReadOnlyList<TextSegment> segments, SegmentKind own) => builder =>
    {
        var tag = own == SegmentKind.Deleted ? "del" : "ins";
        foreach (var segment in segments)
        {
            if (segment.Kind == own)
            {
                Piece(builder, 0, tag, null, segment.Text);
            }
            else if (segment.Kind == SegmentKind.Equal)
            {
                Piece(builder, 10, "span", "same", segment.Text);
            }
        }
    };

    private static void Piece(RenderTreeBuilder builder, int sequence, string element, string? cssClass, string text)
    {
        builder.OpenElement(sequence, element);
        if (cssClass is not null)
        {
            builder.AddAttribute(sequence + 1, "class", cssClass);
        }
        builder.AddContent(sequence + 2, State.GridColumns.Marked(text));
        builder.CloseElement();
    }
}
